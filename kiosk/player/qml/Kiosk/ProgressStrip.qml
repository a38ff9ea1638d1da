pragma ComponentBehavior: Bound

import QtQuick

// Along the bottom: one marker per highlight with the current one lit, "3 / 10",
// and a thin bar for the time left on the slide.
Item {
    id: strip

    property QtObject show
    property var theme
    property real unit: 1
    property real margin: 88
    property bool animate: true
    property real fraction: 0

    height: 120 * unit

    function follow() {
        timeAnimation.stop()
        const duration = Math.max(1, show.durationMs)
        fraction = Math.min(1, show.elapsedMs / duration)
        if (show.timing && animate) {
            timeAnimation.from = fraction
            timeAnimation.duration = Math.max(0, duration - show.elapsedMs)
            timeAnimation.start()
        }
    }

    Connections {
        target: strip.show
        function onTimingChanged() { strip.follow() }
    }
    Component.onCompleted: follow()

    NumberAnimation {
        id: timeAnimation
        target: strip
        property: "fraction"
        to: 1
    }

    Row {
        id: markers
        objectName: "markers"
        x: strip.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: 14 * strip.unit

        Repeater {
            model: strip.show.highlightCount
            Rectangle {
                required property int index
                readonly property bool lit: index + 1 === strip.show.highlightNumber
                width: (lit ? 56 : 28) * strip.unit
                height: 8 * strip.unit
                radius: height / 2
                color: lit ? strip.theme.accent : strip.theme.muted
                opacity: lit ? 1 : (index + 1 < strip.show.highlightNumber ? 0.7 : 0.3)
                Behavior on width { NumberAnimation { duration: strip.animate ? 300 : 0 } }
            }
        }
    }

    Text {
        objectName: "position"
        anchors.right: parent.right
        anchors.rightMargin: strip.margin
        anchors.verticalCenter: parent.verticalCenter
        visible: strip.show.highlightNumber > 0
        text: strip.show.highlightNumber + " / " + strip.show.highlightCount
        color: strip.theme.text
        font.pixelSize: 30 * strip.unit
        font.bold: true
        font.features: { "tnum": 1 }
    }

    Row {
        objectName: "paused"
        anchors.right: parent.right
        anchors.rightMargin: strip.margin + 170 * strip.unit
        anchors.verticalCenter: parent.verticalCenter
        spacing: 7 * strip.unit
        visible: strip.show.paused

        Repeater {
            model: 2
            Rectangle {
                width: 7 * strip.unit
                height: 24 * strip.unit
                radius: 2 * strip.unit
                color: strip.theme.muted
            }
        }
    }

    Rectangle {
        objectName: "timebar"
        anchors.bottom: parent.bottom
        height: 4 * strip.unit
        width: parent.width * strip.fraction
        color: strip.theme.accent
        opacity: 0.8
    }
}
