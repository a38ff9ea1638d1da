import QtQuick

// A box around a text (or picture) check found fault with, labelled with what is wrong.
// `box` is {x, y, width, height, kind, label, row} in the slide's pixels; `fit` scales it into the preview.
Rectangle {
    id: mark

    required property var box
    property real fit: 1

    objectName: "problem-box"
    readonly property string label: box.label
    x: box.x * mark.fit
    y: box.y * mark.fit
    width: box.width * mark.fit
    height: box.height * mark.fit
    color: "transparent"
    border.width: 2
    border.color: box.kind === "glyph" ? "#e040fb" : box.kind === "upscale" ? "#ffd180" : "#ff5252"

    Rectangle {
        // under the box, one label a line when several boxes surround the same text
        x: 0
        y: mark.height + 2 + mark.box.row * (caption.implicitHeight + 4)
        width: caption.implicitWidth + 8
        height: caption.implicitHeight + 2
        color: mark.border.color

        Text {
            id: caption
            x: 4
            text: mark.box.label
            color: "black"
            font.pixelSize: 12
        }
    }
}
