import QtQuick

// One key figure: the value counts up from zero when its slide comes up (`progress`), its unit smaller
// beside it on the same baseline, the label under them.
//
// One rule for every figure, size and language: the unit always stays on the number's line,
// at its own size. A unit wider than half the column wraps onto a second line beside the
// number (at a space, its last line on the number's baseline), and the number shrinks until
// number and unit fit the column. The figures of one row share the smallest of those number sizes, so
// the numbers of a row always match. Widths are measured on the final text, so nothing
// jitters while the value counts up.
Column {
    id: keyFigure

    required property var figure
    property bool large: true
    readonly property real unit: Style.unit
    // how far the count-up has come (0 to 1; CountUp.qml, shared by the slide's figures)
    property real progress: 1

    readonly property real valueSize: (large ? 76 : 64) * unit
    readonly property real unitSize: (large ? 30 : 26) * unit
    readonly property bool bilingual: (figure.labelSecond ?? "") !== ""
    readonly property bool hasUnit: String(figure.unit) !== ""
    // "%" sits close to its number (99.92%); a word unit is a space away (370.97 billion yuan)
    readonly property real gap: hasUnit ? (String(figure.unit).startsWith("%") ? 3 : 12) * unit : 0
    readonly property real longestWord: String(figure.unit).split(" ").reduce(
        (widest, word) => Math.max(widest, unitFont.advanceWidth(word)), 0)
    // a unit stays on one line while the number keeps 70 % of its size beside it; a longer
    // one wraps (at spaces) into a block half the column wide, or as wide as its longest word
    readonly property bool unitOnOneLine: finalValue.advanceWidth * 0.7 + gap + unitMetrics.advanceWidth <= width
    readonly property real unitBox: unitOnOneLine ? unitMetrics.advanceWidth
                                                  : Math.max(width * 0.5, longestWord)
    readonly property real unitWidth: hasUnit ? unitWrapped.contentWidth + 1 : 0
    // how small this figure's number must get to fit beside its unit (1: full size)
    readonly property real fitScale: Math.min(1, (width - gap - unitWidth) / Math.max(1, finalValue.advanceWidth))
    // the smallest fitScale of the figures beside it, so a row's numbers match
    readonly property real valueScale: Math.max(0.1, acrossRow("fitScale", Math.min))
    // room above the number's baseline for this figure's unit (one or two lines)
    readonly property real rise: Math.max(valueText.baselineOffset, unitText.baselineOffset
                                          + (unitText.lineCount - 1) * unitText.lineHeight)

    // `pick` (Math.min or Math.max) of a property over this figure and the figures beside it
    function acrossRow(name, pick) {
        let result = keyFigure[name]
        const siblings = parent ? parent.children : []
        for (let i = 0; i < siblings.length; ++i) {
            const other = siblings[i]
            if (other !== keyFigure && other.visible && other[name] !== undefined)
                result = pick(result, other[name])
        }
        return result
    }

    function shown(fraction) {
        const digits = (figure.value * fraction).toFixed(figure.decimals)
        if (!figure.grouping)
            return digits
        const parts = digits.split(".")
        parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, figure.grouping)
        return parts.join(".")
    }

    spacing: 6 * unit

    TextMetrics {
        id: finalValue
        font.pixelSize: keyFigure.valueSize
        font.bold: true
        font.features: { "tnum": 1 }
        text: keyFigure.shown(1)
    }

    FontMetrics {
        id: unitFont
        font: unitMetrics.font
    }

    Text {
        // the unit laid out in its box, unseen: how wide its lines really are
        id: unitWrapped
        visible: false
        width: keyFigure.unitBox + 1
        text: keyFigure.figure.unit
        font: unitMetrics.font
        wrapMode: Text.Wrap
    }

    TextMetrics {
        id: unitMetrics
        font.pixelSize: keyFigure.unitSize
        font.bold: true
        text: keyFigure.figure.unit
    }

    Item {
        id: line
        // the numbers' baseline, the same for every figure of the row
        readonly property real baseY: keyFigure.acrossRow("rise", Math.max)
        width: keyFigure.width
        height: Math.max(valueText.y + valueText.height, unitText.y + unitText.height)

        Text {
            id: valueText
            objectName: "value"
            y: line.baseY - baselineOffset
            text: keyFigure.shown(keyFigure.progress)
            color: Style.accent
            font.pixelSize: keyFigure.valueSize * keyFigure.valueScale
            font.bold: true
            font.features: { "tnum": 1 }
        }

        Text {
            id: unitText
            objectName: "unit"
            visible: keyFigure.hasUnit
            x: finalValue.advanceWidth * keyFigure.valueScale + keyFigure.gap
            y: line.baseY - baselineOffset - (lineCount - 1) * lineHeight
            width: keyFigure.unitWidth
            text: keyFigure.figure.unit
            color: Style.accent
            font.pixelSize: keyFigure.unitSize
            font.bold: true
            lineHeightMode: Text.FixedHeight
            lineHeight: font.pixelSize * 1.1
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    // In both languages at once two labels stack under a narrow figure, and a lone last
    // character or word is likely: there a label's lines come out about even. The text is
    // tried at the width that splits it evenly over the lines it needs anyway (plus a little
    // slack), and keeps the full width when that would take another line.
    component Label: Text {
        id: label
        required property real full  // the column's width
        required property bool evenLines
        readonly property real even: fullTrial.lineCount < 2 ? full
                                     : textWidth.advanceWidth / fullTrial.lineCount
        width: evenLines && evenTrial.lineCount <= fullTrial.lineCount ? evenTrial.width : full
        color: Style.muted
        lineHeightMode: Text.FixedHeight
        wrapMode: Text.Wrap
        elide: Text.ElideRight

        TextMetrics {
            id: textWidth
            font: label.font
            text: label.text
        }
        Text {
            id: fullTrial
            visible: false
            width: label.full
            text: label.text
            font: label.font
            wrapMode: Text.Wrap
        }
        Text {
            id: evenTrial
            visible: false
            width: Math.min(label.full, label.even + 2 * label.font.pixelSize)
            text: label.text
            font: label.font
            wrapMode: Text.Wrap
        }
    }

    Label {
        objectName: "label"
        full: keyFigure.width
        evenLines: keyFigure.bilingual
        text: keyFigure.figure.label
        font.pixelSize: 24 * keyFigure.unit
        lineHeight: font.pixelSize * 1.4
        maximumLineCount: Style.labelLines
    }

    Label {
        objectName: "second:label"
        full: keyFigure.width
        evenLines: keyFigure.bilingual
        visible: text !== ""
        text: keyFigure.figure.labelSecond ?? ""
        opacity: 0.8
        font.pixelSize: Style.smallestText
        lineHeight: font.pixelSize * 1.3
        maximumLineCount: Style.secondLabelLines
    }
}
