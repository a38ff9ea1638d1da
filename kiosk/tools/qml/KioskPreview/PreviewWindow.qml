pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window

// `kiosk preview`: the slide as the hall shows it, check's findings drawn on it, every
// problem of the show beside it, and the loader's errors above it when a save is broken.
// Everything here follows `preview` (kiosk/tools/preview.py); keys go to preview.handleKey.
Window {
    id: root

    required property var preview

    width: 1280
    height: 720
    visible: true
    color: "#1d2125"
    title: "kiosk preview — " + root.preview.status

    Item {
        anchors.fill: parent
        focus: true
        Keys.onPressed: (event) => { event.accepted = root.preview.handleKey(event.key) }

        Text {
            id: status
            objectName: "status"
            x: 12
            y: 8
            width: parent.width - 24
            text: root.preview.status + (root.preview.working ? "   ·   checking…" : "")
            color: "#e8e8e8"
            font.pixelSize: 16
            elide: Text.ElideRight
        }

        Text {
            id: help
            anchors.right: parent.right
            anchors.rightMargin: 12
            y: 8
            text: "←/→ slide   L language   M one/all languages   S size"
            color: "#8a939b"
            font.pixelSize: 14
        }

        Rectangle {
            id: errorBar
            objectName: "error"
            visible: root.preview.errorText !== ""
            x: 8
            y: status.y + status.height + 6
            width: parent.width - 16
            height: visible ? errorText.implicitHeight + 16 : 0
            color: "#5c1a1a"
            radius: 4

            Text {
                id: errorText
                objectName: "error-text"
                x: 8
                y: 8
                width: parent.width - 16
                text: "Not shown — the file has mistakes; these are the last good slides:\n"
                      + root.preview.errorText
                color: "#ffd9d9"
                font.pixelSize: 14
                wrapMode: Text.Wrap
            }
        }

        Item {
            id: stage
            x: 8
            y: errorBar.y + errorBar.height + 6
            width: parent.width * 0.68
            height: parent.height - y - 8

            Row {
                id: panels
                anchors.centerIn: parent
                spacing: 8

                Repeater {
                    objectName: "panels"
                    model: root.preview.panels

                    SlidePanel {
                        required property var modelData
                        frame: modelData
                        slideWidth: root.preview.slideWidth
                        slideHeight: root.preview.slideHeight
                        fit: Math.min(
                            (stage.width - panels.spacing * (root.preview.panels.length - 1))
                                / root.preview.panels.length / root.preview.slideWidth,
                            stage.height / root.preview.slideHeight)
                    }
                }
            }
        }

        ListView {
            id: problems
            objectName: "problems"
            anchors.left: stage.right
            anchors.leftMargin: 8
            anchors.right: parent.right
            anchors.rightMargin: 8
            y: stage.y
            height: stage.height
            clip: true
            spacing: 4
            model: root.preview.problemRows
            header: Text {
                text: root.preview.problemRows.length + " problem(s)"
                color: "#e8e8e8"
                font.pixelSize: 15
                bottomPadding: 6
            }

            delegate: Rectangle {
                id: row
                objectName: "problem-row"
                required property var modelData
                readonly property string text: modelData.text
                width: ListView.view.width
                height: rowText.implicitHeight + 8
                radius: 3
                color: modelData.slide === root.preview.current ? "#3a3320" : "#272c31"

                Text {
                    id: rowText
                    x: 4
                    y: 4
                    width: parent.width - 8
                    text: row.modelData.text
                    color: row.modelData.error ? "#ff8a80" : "#ffd180"
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }

                MouseArea {
                    anchors.fill: parent
                    onClicked: root.preview.goTo(row.modelData.slide)
                }
            }
        }
    }
}
