import QtQuick

// A small note in the corner while the wall plays the last good copy of the show (the show
// file on disk does not load). Drawn only in windowed mode, for the curator at the desk;
// `shown` is kept up to date by Python (RunningShow), which knows where the content came from.
Rectangle {
    property bool shown: false

    visible: shown
    anchors.right: parent ? parent.right : undefined
    anchors.bottom: parent ? parent.bottom : undefined
    anchors.margins: 8
    width: note.implicitWidth + 16
    height: note.implicitHeight + 8
    radius: 4
    color: "#c0b02020"

    Text {
        id: note
        anchors.centerIn: parent
        text: "last good copy: slides.yaml has problems (see the log)"
        color: "white"
        font.pixelSize: 12
    }
}
