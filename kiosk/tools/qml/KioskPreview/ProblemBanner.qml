import QtQuick

// Across the top of a slide: a picture that cannot be shown (missing, unreadable).
Rectangle {
    id: banner

    property string text: ""

    objectName: "picture-banner"
    visible: text !== ""
    height: visible ? message.implicitHeight + 12 : 0
    color: "#d32f2f"
    opacity: 0.92

    Text {
        id: message
        x: 8
        y: 6
        width: banner.width - 16
        text: banner.text
        color: "white"
        font.pixelSize: 14
        font.bold: true
        wrapMode: Text.Wrap
    }
}
