import QtQuick
import QtQuick.Window

// "Read more": the slide's link as a QR code on a light card (dark on light, crisp: drawn by
// Python at exactly the pixels shown) with its label beside it. objectNames "qr-code" and
// "field:link_label" are read by `check` (size at the screen's distance; fit of the label).
Item {
    id: block

    required property string code
    required property string label
    required property string labelSecond
    readonly property real unit: Style.unit
    readonly property real side: height

    visible: code !== ""

    Rectangle {
        id: card
        objectName: "qr-code"
        width: block.side
        height: block.side
        color: "white"
        radius: 6 * block.unit

        Image {
            objectName: "qr-image"
            anchors.centerIn: parent
            width: Math.round(parent.width)
            height: width
            // whole pixels of the screen, so every module is a whole number of them
            sourceSize.width: Math.round(width * Screen.devicePixelRatio)
            sourceSize.height: Math.round(width * Screen.devicePixelRatio)
            source: block.code
            smooth: false
            mipmap: false
            cache: true
        }
    }

    Column {
        anchors.left: card.right
        anchors.leftMargin: 24 * block.unit
        anchors.right: parent.right
        anchors.verticalCenter: card.verticalCenter
        spacing: 6 * block.unit

        Text {
            objectName: "field:link_label"
            width: parent.width
            visible: text !== ""
            text: block.label
            color: Style.text
            font.pixelSize: 26 * block.unit
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Text {
            objectName: "second:link_label"
            width: parent.width
            visible: text !== ""
            text: block.labelSecond
            color: Style.muted
            font.pixelSize: 21 * block.unit
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
    }
}
