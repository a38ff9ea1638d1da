pragma ComponentBehavior: Bound

import QtQuick

// A highlight: its number and title across the top; below, the summary and key figures
// beside the picture (landscape) or under it (portrait). objectNames "field:NAME",
// "figures" and "figure-N" are read by `check` (kiosk/tools/check.py).
Item {
    id: page

    required property string showTitle
    required property int number
    required property string title
    required property string summary
    required property string caption
    required property list<var> figures
    required property string imageUrl
    required property string imageState
    required property var clipPlayer  // the slide's clip (video or background), or null
    required property string clipState
    // the figures count up while this is true (the slide is current and the screen lit)
    required property bool counting
    required property int countUpMs
    required property int countUpStepMs
    // language_mode both: the texts again in the second language, quieter ("" in toggle mode)
    required property string showTitleSecond
    required property string titleSecond
    required property string summarySecond
    required property string captionSecond
    // read more: a QR code under the picture
    required property string linkCode
    required property string linkLabel
    required property string linkLabelSecond
    readonly property bool bilingual: titleSecond !== "" || summarySecond !== ""
    readonly property real qrSize: (portrait ? 220 : 190) * unit
    readonly property real unit: Style.unit
    readonly property real margin: Style.margin
    readonly property bool portrait: Style.portrait
    readonly property real stripHeight: Style.stripHeight
    readonly property real bottomEdge: height - stripHeight - margin * 0.25
    readonly property real titleSize: (portrait ? 72 : 60) * unit * (bilingual ? 0.9 : 1)
    // landscape: where the picture starts; both languages need a wider text column beside it
    readonly property real split: bilingual ? 0.57 : 0.53
    readonly property real textColumnWidth: portrait ? width - 2 * margin : width * split - 1.5 * margin
    // where the picture is drawn, whole, in device pixels (SlideView tells Python)
    readonly property size pictureBox: picture.pixelBox
    readonly property bool pictureCovers: false

    anchors.fill: parent

    Text {
        id: overline
        objectName: "field:show-title"
        x: page.margin
        y: page.margin * 0.7
        width: page.width - 2 * page.margin
        text: page.showTitle + (page.showTitleSecond !== "" ? "   ·   " + page.showTitleSecond : "")
        color: Style.muted
        font.pixelSize: 24 * page.unit
        font.letterSpacing: 2 * page.unit
        elide: Text.ElideRight
    }

    Text {
        id: number
        objectName: "field:number"
        x: page.margin
        anchors.top: overline.bottom
        anchors.topMargin: 36 * page.unit
        text: String(page.number).padStart(2, "0")
        color: Style.accent
        font.pixelSize: page.titleSize
        font.bold: true
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.25
        font.features: { "tnum": 1 }
    }

    Text {
        id: title
        objectName: "field:title"
        anchors.left: number.right
        anchors.leftMargin: 28 * page.unit
        anchors.top: number.top
        width: page.width - page.margin - x
        text: page.title
        color: Style.text
        font.pixelSize: page.titleSize
        font.bold: true
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.25
        wrapMode: Text.Wrap
        maximumLineCount: page.portrait ? 4 : 2
        elide: Text.ElideRight
    }

    Text {
        id: secondTitle
        objectName: "second:title"
        x: title.x
        anchors.top: title.bottom
        anchors.topMargin: 4 * page.unit
        width: title.width
        visible: text !== ""
        // a hand break is for the large main title; the quieter line runs on
        text: page.titleSecond.replace(/\n/g, " ")
        color: Style.muted
        font.pixelSize: page.titleSize * 0.52
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.3
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Rectangle {
        id: rule
        x: title.x
        y: (secondTitle.visible ? secondTitle.y + secondTitle.height : title.y + title.height) + 24 * page.unit
        width: 96 * page.unit
        height: 6 * page.unit
        radius: height / 2
        color: Style.accent
    }

    SlideImage {
        id: picture
        x: page.portrait ? page.margin : page.width * page.split
        y: rule.y + rule.height + 44 * page.unit
        width: page.portrait ? page.width - 2 * page.margin : page.width * (1 - page.split) - page.margin
        height: (page.portrait ? summary.y - 48 * page.unit : page.bottomEdge) - y
                - (readMore.visible ? page.qrSize + 32 * page.unit : 0)
        imageUrl: page.imageUrl
        imageState: page.imageState
        caption: page.caption
        captionSecond: page.captionSecond
    }

    QrCode {
        id: readMore
        x: picture.x
        y: picture.y + picture.height + 32 * page.unit
        width: picture.width
        height: page.qrSize
        code: page.linkCode
        label: page.linkLabel
        labelSecond: page.linkLabelSecond
    }

    ClipSlot {
        x: picture.x
        y: picture.y
        width: picture.width
        height: picture.height - picture.captionSpace
        player: page.clipPlayer
        clipState: page.clipState
        fill: false
    }

    Text {
        id: summary
        objectName: "field:summary"
        x: page.margin
        y: page.portrait ? figureRow.y - height - 44 * page.unit - secondSummary.room : picture.y - 8 * page.unit
        width: page.textColumnWidth
        text: page.summary
        color: Style.text
        opacity: 0.9
        font.pixelSize: (page.portrait ? 38 : 32) * page.unit * (page.bilingual ? 0.85 : 1)
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * (page.bilingual ? 1.45 : 1.6)
        wrapMode: Text.Wrap
        maximumLineCount: 4
        elide: Text.ElideRight
    }

    Text {
        id: secondSummary
        objectName: "second:summary"
        readonly property real room: visible ? height + 10 * page.unit : 0
        x: page.margin
        y: summary.y + summary.height + 10 * page.unit
        width: page.textColumnWidth
        visible: text !== ""
        text: page.summarySecond
        color: Style.muted
        font.pixelSize: (page.portrait ? 27 : 22) * page.unit
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.45
        wrapMode: Text.Wrap
        maximumLineCount: 5
        elide: Text.ElideRight
    }

    Row {
        id: figureRow
        objectName: "figures"
        x: page.margin
        width: page.textColumnWidth
        anchors.bottom: parent.bottom
        anchors.bottomMargin: parent.height - page.bottomEdge
        spacing: 40 * page.unit

        CountUp {
            id: countUp
            counting: page.counting
            durationMs: page.countUpMs
            stepMs: page.countUpStepMs
        }

        Repeater {
            model: page.figures
            KeyFigure {
                required property var modelData
                required property int index
                objectName: "figure-" + index
                width: (figureRow.width - figureRow.spacing * (page.figures.length - 1))
                       / Math.max(1, page.figures.length)
                figure: modelData
                large: page.portrait || page.figures.length < 4
                progress: countUp.progress
            }
        }
    }
}
