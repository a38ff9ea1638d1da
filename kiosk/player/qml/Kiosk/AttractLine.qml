import QtQuick

// "Touch to explore" over the strip when nobody has touched the screen for a while; it fades
// in and out as `attract.shown` (Python) says.
Item {
    id: line

    required property Attract attract
    readonly property real unit: Style.unit

    height: Style.stripHeight
    opacity: attract.shown ? 1 : 0
    visible: opacity > 0
    Behavior on opacity { NumberAnimation { duration: Style.animate ? 900 : 0 } }

    Rectangle {
        anchors.centerIn: parent
        width: words.width + 64 * line.unit
        height: 64 * line.unit
        radius: height / 2
        color: Style.panel
        border.color: Style.accent
        border.width: Math.max(1, 2 * line.unit)
    }

    Row {
        id: words
        anchors.centerIn: parent
        spacing: 20 * line.unit

        Text {
            objectName: "attract"
            anchors.verticalCenter: parent.verticalCenter
            text: line.attract.text
            color: Style.text
            font.pixelSize: 30 * line.unit
            font.bold: true
        }

        Text {
            objectName: "attract-second"
            anchors.verticalCenter: parent.verticalCenter
            visible: text !== ""
            text: line.attract.textSecond
            color: Style.muted
            font.pixelSize: 24 * line.unit
        }
    }
}
