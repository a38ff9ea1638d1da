import QtQuick

// One key figure: the value counts up from zero when its slide comes up, the unit smaller
// beside it (or under it when both do not fit), the label under them. The value shrinks to
// fit its column, measured on its final text so it does not jitter while counting.
Column {
    id: keyFigure

    required property var figure
    property bool large: true
    property bool running: false
    property int countUpMs: 0
    readonly property real unit: Style.unit
    property real progress: Style.animate ? 0 : 1

    readonly property real valueSize: (large ? 76 : 64) * unit
    readonly property real unitSize: (large ? 30 : 26) * unit
    readonly property real gap: 8 * unit
    readonly property bool unitInline: finalValue.advanceWidth * 0.85 + gap + unitMetrics.advanceWidth <= width
    readonly property real fittedValueSize: {
        const room = unitInline ? width - gap - unitMetrics.advanceWidth : width
        return Math.min(valueSize, valueSize * room / Math.max(1, finalValue.advanceWidth))
    }

    spacing: 6 * unit

    onRunningChanged: {
        if (running && Style.animate) {
            countUp.restart()
        } else if (!running) {
            countUp.stop()
            progress = Style.animate ? 0 : 1
        }
    }

    NumberAnimation {
        id: countUp
        target: keyFigure
        property: "progress"
        from: 0
        to: 1
        duration: keyFigure.countUpMs
        easing.type: Easing.OutCubic
    }

    TextMetrics {
        id: finalValue
        font.pixelSize: keyFigure.valueSize
        font.bold: true
        text: keyFigure.figure.value.toFixed(keyFigure.figure.decimals)
    }

    TextMetrics {
        id: unitMetrics
        font.pixelSize: keyFigure.unitSize
        font.bold: true
        text: keyFigure.figure.unit
    }

    Item {
        width: keyFigure.width
        height: valueText.height

        Text {
            id: valueText
            objectName: "value"
            text: (keyFigure.figure.value * keyFigure.progress).toFixed(keyFigure.figure.decimals)
            color: Style.accent
            font.pixelSize: keyFigure.fittedValueSize
            font.bold: true
            font.features: { "tnum": 1 }
        }

        Text {
            objectName: "unit"
            visible: keyFigure.unitInline
            x: valueText.contentWidth + keyFigure.gap
            anchors.baseline: valueText.baseline
            text: keyFigure.figure.unit
            color: Style.accent
            font.pixelSize: keyFigure.unitSize
            font.bold: true
        }
    }

    Text {
        objectName: "unit"
        visible: !keyFigure.unitInline && text !== ""
        width: keyFigure.width
        text: keyFigure.figure.unit
        color: Style.accent
        font.pixelSize: keyFigure.unitSize * 0.9
        font.bold: true
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Text {
        objectName: "label"
        width: keyFigure.width
        text: keyFigure.figure.label
        color: Style.muted
        font.pixelSize: 24 * keyFigure.unit
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.4
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }

    Text {
        objectName: "second:label"
        width: keyFigure.width
        visible: text !== ""
        text: keyFigure.figure.labelSecond ?? ""
        color: Style.muted
        opacity: 0.8
        font.pixelSize: 21 * keyFigure.unit
        lineHeightMode: Text.FixedHeight
        lineHeight: font.pixelSize * 1.35
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }
}
