import QtQuick
import QtQuick.Window

// The cover and the closing slide: the picture fills the screen under a dark veil, the
// title stands large. objectNames "field:NAME" are read by `check` (kiosk/tools/check.py).
Item {
    id: page

    required property string title
    required property string subtitle
    required property string summary
    required property string note
    required property string caption
    required property string imageUrl
    required property string imageState
    // language_mode both: the texts again in the second language, quieter ("" in toggle mode)
    required property string titleSecond
    required property string subtitleSecond
    required property string summarySecond
    required property string noteSecond
    required property string captionSecond
    // read more: a QR code in the bottom right corner
    required property string linkCode
    required property string linkLabel
    required property string linkLabelSecond
    readonly property real qrSize: 190 * unit
    readonly property bool bilingual: titleSecond !== "" || summarySecond !== ""
    required property var clipPlayer  // the slide's clip (video or background), or null
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

    ClipSlot {
        anchors.fill: parent
        player: page.clipPlayer
        clipState: page.clipState
        fill: true
    }

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Qt.rgba(0, 0, 0, 0.15) }
            GradientStop { position: 0.55; color: Qt.rgba(0, 0, 0, 0.55) }
            GradientStop { position: 1.0; color: Style.veil }
        }
    }

    Column {
        id: words
        x: page.margin
        // landscape: the QR code stands beside the words; portrait: above them
        width: parent.width - 2 * page.margin
               - (readMore.visible && !Style.portrait ? readMore.width + 48 * page.unit : 0)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 190 * page.unit
        spacing: (page.bilingual ? 14 : 30) * page.unit

        Text {
            objectName: "field:subtitle"
            width: parent.width
            text: page.subtitle
            color: Style.accent
            font.pixelSize: 40 * page.unit
            font.bold: true
            font.letterSpacing: 4 * page.unit
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }

        Text {
            objectName: "second:subtitle"
            width: parent.width
            visible: text !== ""
            text: page.subtitleSecond
            color: Style.muted
            font.pixelSize: 28 * page.unit
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Text {
            objectName: "field:title"
            width: parent.width
            text: page.title
            color: Style.text
            font.pixelSize: (Style.portrait ? 96 : 104) * page.unit * (page.bilingual ? 0.78 : 1)
            font.bold: true
            lineHeightMode: Text.FixedHeight
            lineHeight: font.pixelSize * 1.2
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }

        Text {
            objectName: "second:title"
            width: parent.width
            visible: text !== ""
            text: page.titleSecond
            color: Style.muted
            font.pixelSize: 40 * page.unit
            lineHeight: 1.1
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Text {
            objectName: "field:summary"
            width: Math.min(parent.width, 1400 * page.unit)
            text: page.summary
            color: Style.text
            opacity: 0.9
            font.pixelSize: 34 * page.unit
            lineHeightMode: Text.FixedHeight
            lineHeight: font.pixelSize * 1.6
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }

        Text {
            objectName: "second:summary"
            width: parent.width
            visible: text !== ""
            text: page.summarySecond
            color: Style.muted
            font.pixelSize: 26 * page.unit
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        Text {
            objectName: "field:note"
            width: parent.width
            text: page.note
            color: Style.muted
            font.pixelSize: 24 * page.unit
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }

        Text {
            objectName: "second:note"
            width: parent.width
            visible: text !== ""
            text: page.noteSecond
            color: Style.muted
            font.pixelSize: 20 * page.unit
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
    }

    Text {
        id: captionText
        objectName: "field:caption"
        anchors.right: parent.right
        anchors.rightMargin: page.margin
        y: page.margin * 0.7
        width: Math.min(parent.width - 2 * page.margin, 900 * page.unit)
        horizontalAlignment: Text.AlignRight
        text: page.caption
        color: Style.muted
        font.pixelSize: 22 * page.unit
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Text {
        objectName: "second:caption"
        anchors.right: parent.right
        anchors.rightMargin: page.margin
        anchors.top: captionText.bottom
        anchors.topMargin: 6 * page.unit
        width: Math.min(parent.width - 2 * page.margin, 900 * page.unit)
        horizontalAlignment: Text.AlignRight
        visible: text !== ""
        text: page.captionSecond
        color: Style.muted
        opacity: 0.8
        font.pixelSize: Style.smallestText
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    QrCode {
        id: readMore
        anchors.right: parent.right
        anchors.rightMargin: page.margin
        y: Style.portrait ? words.y - height - 48 * page.unit : words.y + words.height - height
        width: Math.min(560 * page.unit, parent.width - 2 * page.margin)
        height: page.qrSize
        code: page.linkCode
        label: page.linkLabel
        labelSecond: page.linkLabelSecond
    }
}
