pragma ComponentBehavior: Bound

import QtQuick

// Every slide in a grid, to pick one: a thumbnail taken from the slide's own view (once, when
// Python says it has settled) with its number and title. Where each cell goes, which one is
// selected and when the grid opens or closes all come from `overview` (Python).
// objectNames "overview", "cell-N" and "label-N" are read by tests and `check`.
Item {
    id: root

    required property Overview overview
    required property SlideModel slides
    required property Repeater slideViews
    required property string heading
    readonly property real unit: Style.unit

    Item {
        id: grid
        objectName: "overview"
        anchors.fill: parent
        opacity: root.overview.open ? 1 : 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: Style.animate ? 250 : 0 } }

        Rectangle {
            anchors.fill: parent
            gradient: Gradient {
                GradientStop { position: 0.0; color: Style.backgroundTop }
                GradientStop { position: 1.0; color: Style.background }
            }
        }

        Text {
            objectName: "overview-heading"
            x: root.overview.gridX
            width: parent.width - 2 * x
            height: root.overview.gridY
            verticalAlignment: Text.AlignVCenter
            text: root.heading
            color: Style.muted
            font.pixelSize: 30 * root.unit
            font.letterSpacing: 2 * root.unit
            elide: Text.ElideRight
        }

        Repeater {
            model: root.slides

            Item {
                id: cell

                required property int index
                required property int number
                required property string title
                readonly property bool selected: index === root.overview.selected
                readonly property ShaderEffectSource texture: store.count > index
                    ? store.itemAt(index) as ShaderEffectSource : null
                readonly property bool captured: texture !== null && texture.sourceItem !== null

                objectName: "cell-" + index
                x: root.overview.gridX
                   + (index % root.overview.columns) * (root.overview.cellWidth + root.overview.gap)
                y: root.overview.gridY
                   + Math.floor(index / root.overview.columns) * (root.overview.cellHeight + root.overview.gap)
                width: root.overview.cellWidth
                height: root.overview.cellHeight

                Rectangle {
                    id: frame
                    width: root.overview.thumbWidth
                    height: root.overview.thumbHeight
                    color: Style.background
                    radius: 6 * root.unit
                    border.color: Style.panel
                    border.width: Math.max(1, root.unit)

                    Text {
                        anchors.centerIn: parent
                        visible: !cell.captured
                        text: cell.number > 0 ? String(cell.number).padStart(2, "0") : ""
                        color: Style.accent
                        font.pixelSize: Math.min(parent.height * 0.5, 64 * root.unit)
                        font.bold: true
                    }

                }

                Rectangle {
                    objectName: "selection"
                    x: -border.width * 1.5
                    y: -border.width * 1.5
                    width: frame.width + border.width * 3
                    height: frame.height + border.width * 3
                    visible: cell.selected
                    color: "transparent"
                    radius: 10 * root.unit
                    border.color: Style.accent
                    border.width: 6 * root.unit
                }

                Text {
                    objectName: "label-" + cell.index
                    x: root.overview.labelBeside ? frame.width + 20 * root.unit : 0
                    y: root.overview.labelBeside ? 0 : frame.height + 12 * root.unit
                    width: root.overview.labelBeside ? cell.width - x : cell.width
                    height: cell.height - y
                    text: (cell.number > 0 ? String(cell.number).padStart(2, "0") + "  " : "") + cell.title
                    color: cell.selected ? Style.text : Style.muted
                    font.pixelSize: root.overview.labelUnits * root.unit
                    // a long title shrinks a little rather than lose its end
                    fontSizeMode: Text.Fit
                    minimumPixelSize: Math.round(root.overview.labelUnits * root.unit * 0.6)
                    wrapMode: Text.Wrap
                    clip: true
                }
            }
        }
    }

    // The thumbnails: each slide's view drawn into a texture when Python asks (once it has
    // settled on screen), and kept. They are declared after the grid so they lie on it, and
    // they stay "visible" while the grid is closed (outside the window, nearly transparent):
    // a texture under a hidden or fully transparent parent would only be taken once shown,
    // long after its slide left the screen.
    Repeater {
        id: store
        model: root.slides

        ShaderEffectSource {
            id: texture
            required property int index
            objectName: "thumbnail-" + index
            x: root.overview.open
               ? root.overview.gridX + (index % root.overview.columns) * (root.overview.cellWidth + root.overview.gap)
               : -width - 8
            y: root.overview.gridY
               + Math.floor(index / root.overview.columns) * (root.overview.cellHeight + root.overview.gap)
            width: root.overview.thumbWidth
            height: root.overview.thumbHeight
            opacity: Math.max(0.01, grid.opacity)
            sourceItem: null  // set when the thumbnail is taken
            live: false
            hideSource: false
            smooth: true
            // the slide is drawn straight at the thumbnail's size: text stays sharp, and a
            // dozen thumbnails take about 12 MB at 3840x2160
            textureSize: Qt.size(Math.ceil(width), Math.ceil(height))

            Connections {
                target: root.overview
                function onCaptureRequested(index: int): void {
                    if (index === texture.index) {
                        texture.sourceItem = root.slideViews.itemAt(index)
                        texture.scheduleUpdate()
                    }
                }
            }
        }
    }
}
