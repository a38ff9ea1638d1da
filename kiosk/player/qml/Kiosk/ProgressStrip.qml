pragma ComponentBehavior: Bound

import QtQuick

// Along the bottom: one marker per highlight with the current one lit, "3 / 10",
// and a thin bar for the time spent on the slide.
Item {
    id: strip

    required property ShowController controller
    readonly property real unit: Style.unit
    readonly property real margin: Style.margin

    height: Style.stripHeight

    Row {
        id: markers
        objectName: "markers"
        x: strip.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: 14 * strip.unit

        Repeater {
            model: strip.controller.highlightCount
            Rectangle {
                required property int index
                readonly property bool lit: index + 1 === strip.controller.highlightNumber
                width: (lit ? 56 : 28) * strip.unit
                height: 8 * strip.unit
                radius: height / 2
                color: lit ? Style.accent : Style.muted
                opacity: lit ? 1 : (index + 1 < strip.controller.highlightNumber ? 0.7 : 0.3)
                Behavior on width { NumberAnimation { duration: Style.animate ? 300 : 0 } }
            }
        }
    }

    Text {
        objectName: "position"
        anchors.right: parent.right
        anchors.rightMargin: strip.margin
        anchors.verticalCenter: parent.verticalCenter
        visible: strip.controller.highlightNumber > 0
        text: strip.controller.highlightNumber + " / " + strip.controller.highlightCount
        color: Style.text
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
        visible: strip.controller.paused

        Repeater {
            model: 2
            Rectangle {
                width: 7 * strip.unit
                height: 24 * strip.unit
                radius: 2 * strip.unit
                color: Style.muted
            }
        }
    }

    Rectangle {
        objectName: "timebar"
        anchors.bottom: parent.bottom
        height: 4 * strip.unit
        // grows in whole-second steps (see TIME_STEP_SECONDS): nothing is drawn in between
        width: parent.width * strip.controller.progress
        color: Style.accent
        opacity: 0.8
    }
}
