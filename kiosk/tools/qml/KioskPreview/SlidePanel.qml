pragma ComponentBehavior: Bound

import QtQuick

// One drawn slide (one language), scaled into the preview, with check's marks on it.
// `panel` comes from Preview.panels: {source, language, boxes, banner}.
Item {
    id: panel

    required property var frame
    required property int slideWidth
    required property int slideHeight
    property real fit: 1

    objectName: "panel-" + panel.frame.language
    width: slideWidth * fit
    height: slideHeight * fit + label.height

    Image {
        id: slide
        objectName: "slide-image"
        width: panel.slideWidth * panel.fit
        height: panel.slideHeight * panel.fit
        source: panel.frame.source
        cache: false
        asynchronous: false
        smooth: true
        mipmap: true
    }

    Repeater {
        model: panel.frame.boxes

        ProblemBox {
            required property var modelData
            box: modelData
            fit: panel.fit
        }
    }

    ProblemBanner {
        width: slide.width
        text: panel.frame.banner
    }

    Text {
        id: label
        anchors.top: slide.bottom
        text: panel.frame.language
        color: "#8a939b"
        font.pixelSize: 13
    }
}
