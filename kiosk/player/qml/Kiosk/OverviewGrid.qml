pragma ComponentBehavior: Bound

import QtQuick

// Every slide in a grid, to pick one: a thumbnail taken from the slide's own view (once, when
// Python says it has settled) with its number and title. Where each cell goes, which one is
// selected and when the grid opens or closes all come from `overview` (Python).
// objectNames "overview", "cell-N" and "label-N" are read by tests and `check`.
Item {
    id: grid

    required property Overview overview
    required property SlideModel slides
    required property Repeater slideViews
    required property string heading
    readonly property real unit: Style.unit

    objectName: "overview"
    // always `visible` (opacity 0 when closed: nothing drawn), so a thumbnail can be taken
    // while the grid is closed and the slide it shows is on screen
    opacity: overview.open ? 1 : 0
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
        x: Style.margin
        width: parent.width - 2 * Style.margin
        height: grid.overview.gridY
        verticalAlignment: Text.AlignVCenter
        text: grid.heading
        color: Style.muted
        font.pixelSize: 30 * grid.unit
        font.letterSpacing: 2 * grid.unit
        elide: Text.ElideRight
    }

    Repeater {
        model: grid.slides

        Item {
            id: cell

            required property int index
            required property int number
            required property string title
            readonly property bool selected: index === grid.overview.selected
            property bool captured: false

            objectName: "cell-" + index
            x: grid.overview.gridX + (index % grid.overview.columns) * (grid.overview.cellWidth + grid.overview.gap)
            y: grid.overview.gridY
               + Math.floor(index / grid.overview.columns) * (grid.overview.cellHeight + grid.overview.gap)
            width: grid.overview.cellWidth
            height: grid.overview.cellHeight

            Rectangle {
                id: frame
                width: grid.overview.thumbWidth
                height: grid.overview.thumbHeight
                color: Style.panel
                radius: 6 * grid.unit

                Text {
                    anchors.centerIn: parent
                    visible: !cell.captured
                    text: cell.number > 0 ? String(cell.number).padStart(2, "0") : ""
                    color: Style.accent
                    font.pixelSize: Math.min(parent.height * 0.5, 64 * grid.unit)
                    font.bold: true
                }

                ShaderEffectSource {
                    id: thumbnail
                    objectName: "thumbnail-" + cell.index
                    anchors.fill: parent
                    visible: cell.captured
                    sourceItem: null  // set when the thumbnail is taken
                    live: false
                    hideSource: false
                    format: ShaderEffectSource.RGBA8
                    mipmap: true
                    smooth: true
                    textureSize: Qt.size(Math.ceil(width * 2), Math.ceil(height * 2))
                }

                Connections {
                    target: grid.overview
                    function onCaptureRequested(index: int): void {
                        if (index === cell.index) {
                            thumbnail.sourceItem = grid.slideViews.itemAt(index)
                            thumbnail.scheduleUpdate()
                            cell.captured = true
                        }
                    }
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
                radius: 10 * grid.unit
                border.color: Style.accent
                border.width: 6 * grid.unit
            }

            Text {
                objectName: "label-" + cell.index
                x: grid.overview.labelBeside ? frame.width + 20 * grid.unit : 0
                y: grid.overview.labelBeside ? 0 : frame.height + 12 * grid.unit
                width: grid.overview.labelBeside ? cell.width - x : cell.width
                height: cell.height - y
                text: (cell.number > 0 ? String(cell.number).padStart(2, "0") + "  " : "") + cell.title
                color: cell.selected ? Style.text : Style.muted
                font.pixelSize: grid.overview.labelUnits * grid.unit
                // a long title shrinks a little rather than lose its end
                fontSizeMode: Text.Fit
                minimumPixelSize: Math.round(grid.overview.labelUnits * grid.unit * 0.6)
                wrapMode: Text.Wrap
                clip: true
            }
        }
    }
}
