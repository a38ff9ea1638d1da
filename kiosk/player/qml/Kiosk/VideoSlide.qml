import QtQuick
import QtQuick.Window

// The `video` layout: the clip fills the screen over its poster, with the caption (if any)
// along the bottom. objectName "field:caption" is read by `check` (kiosk/tools/check.py).
Item {
    id: page

    required property string caption
    required property string imageUrl
    required property string imageState
    required property var clipPlayer
    required property string clipState
    readonly property real unit: Style.unit
    readonly property real margin: Style.margin
    // the picture covers the screen, cropped: its box in device pixels (SlideView tells Python)
    readonly property size pictureBox: Qt.size(Math.floor(width * Screen.devicePixelRatio),
                                               Math.floor(height * Screen.devicePixelRatio))
    readonly property bool pictureCovers: true

    anchors.fill: parent

    Image {
        objectName: "picture"
        anchors.fill: parent
        source: page.imageUrl
        fillMode: Image.PreserveAspectCrop
        asynchronous: false
        cache: false
        visible: page.imageState === "ready"
    }

    Rectangle {
        objectName: "placeholder"
        anchors.fill: parent
        visible: page.imageState === "failed"
        color: Style.panel
    }

    ClipSlot {
        anchors.fill: parent
        player: page.clipPlayer
        clipState: page.clipState
        fill: true
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: caption.height + 2 * page.margin + Style.stripHeight
        visible: page.caption !== ""
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Style.veil }
        }
    }

    Text {
        id: caption
        objectName: "field:caption"
        x: page.margin
        width: parent.width - 2 * page.margin
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Style.stripHeight + page.margin * 0.5
        text: page.caption
        color: Style.text
        font.pixelSize: 30 * page.unit
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
}
