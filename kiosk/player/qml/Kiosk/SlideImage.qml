import QtQuick
import QtQuick.Window

// The slide's picture with its caption; a calm placeholder when the picture cannot be shown.
Item {
    id: frame

    required property string imageUrl
    required property string imageState
    required property string caption
    property string captionSecond: ""
    readonly property real unit: Style.unit
    readonly property real captionSpace: caption.text !== ""
        ? caption.height + 20 * unit + (captionSecond !== "" ? secondCaption.height + 4 * unit : 0) : 0
    // the picture's box in whole device pixels: the picture is decoded to fit it (Python hears
    // of it through the slide's view), so every frame draws it pixel for pixel, unscaled
    readonly property real ratio: Screen.devicePixelRatio
    readonly property size pixelBox: Qt.size(Math.max(0, Math.floor(width * ratio)),
                                             Math.max(0, Math.floor((height - captionSpace) * ratio)))

    Image {
        id: picture
        objectName: "picture"
        width: frame.pixelBox.width / frame.ratio
        height: frame.pixelBox.height / frame.ratio
        source: frame.imageUrl
        fillMode: Image.PreserveAspectFit
        horizontalAlignment: Image.AlignLeft
        verticalAlignment: Image.AlignVCenter
        asynchronous: false
        cache: false
        smooth: true
        visible: frame.imageState === "ready"
    }

    Rectangle {
        objectName: "placeholder"
        anchors.fill: picture
        visible: frame.imageState === "failed"
        color: Style.panel
        radius: 12 * frame.unit
        border.color: Style.accent
        border.width: Math.max(1, 2 * frame.unit)

        Rectangle {
            anchors.centerIn: parent
            width: 72 * frame.unit
            height: width
            radius: width / 2
            color: "transparent"
            border.color: Style.accent
            border.width: Math.max(1, 4 * frame.unit)
        }
    }

    Text {
        id: caption
        objectName: "field:caption"
        // right under the picture as drawn, wherever its aspect ratio leaves it
        y: picture.visible && picture.paintedHeight > 0
           ? (picture.height + picture.paintedHeight) / 2 + 16 * frame.unit
           : parent.height - height
        width: parent.width
        text: frame.caption
        color: Style.muted
        font.pixelSize: 24 * frame.unit
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.4
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Text {
        id: secondCaption
        objectName: "second:caption"
        anchors.top: caption.bottom
        anchors.topMargin: 4 * frame.unit
        width: parent.width
        visible: text !== ""
        text: frame.captionSecond
        color: Style.muted
        opacity: 0.8
        font.pixelSize: 21 * frame.unit
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.35
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
}
