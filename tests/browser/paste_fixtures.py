"""
What Word (desktop and web), Google Docs, LibreOffice Writer and a web page put on the
clipboard as text/html, written by us in each program's shape: the same little document
(a heading, a paragraph with bold, italic and a link, an empty line, a bulleted and a
numbered list, a two-row table) as each program writes it.
"""

WORD_DESKTOP = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
p.MsoListParagraphCxSpFirst {mso-style-type:export-only;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<h1>Ports of the Caspian<o:p></o:p></h1>
<p class=MsoNormal>Freight <b style='mso-bidi-font-weight:normal'>doubled</b> while
<i style='mso-bidi-font-style:normal'>ferries</i> waited; see
<a href="https://example.org/ports">the port data</a>.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Aktau<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Baku<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Dredge<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Widen<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
<tr><td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b>Year<o:p></o:p></b></p></td>
<td width=301 valign=top style='width:225.4pt'><p class=MsoNormal><b>Tonnes<o:p></o:p></b></p></td></tr>
<tr><td width=301 valign=top><p class=MsoNormal>2024<o:p></o:p></p></td>
<td width=301 valign=top><p class=MsoNormal>2.1 million<o:p></o:p></p></td></tr></table>
<!--EndFragment--></body></html>"""

WORD_WEB = """<div class="OutlineElement Ltr SCXW1 BCX0"><h1 class="Paragraph SCXW1" role="heading"
aria-level="1"><span data-contrast="none" class="TextRun SCXW1"><span class="NormalTextRun">Ports
of the Caspian</span></span></h1></div>
<div class="OutlineElement Ltr SCXW1"><p class="Paragraph SCXW1" paraid="1" paraeid="{1}"><span
data-contrast="auto" class="TextRun SCXW1"><span class="NormalTextRun">Freight </span></span><span
data-contrast="auto" class="TextRun SCXW1" style="font-weight: bold;"><span class="NormalTextRun">doubled</span></span><span
data-contrast="auto" class="TextRun SCXW1"><span class="NormalTextRun"> while </span></span><span
data-contrast="auto" class="TextRun SCXW1" style="font-style: italic;"><span class="NormalTextRun">ferries</span></span><span
class="TextRun"><span class="NormalTextRun"> waited; see </span></span><a class="Hyperlink"
href="https://example.org/ports" target="_blank" rel="noreferrer noopener"><span class="TextRun Underlined"
style="color:#0563c1"><span class="NormalTextRun">the port data</span></span></a><span class="TextRun"><span
class="NormalTextRun">.</span></span><span class="EOP" data-ccp-props="{}">&nbsp;</span></p></div>
<div class="OutlineElement Ltr"><p class="Paragraph"><span class="EOP">&nbsp;</span></p></div>
<div class="ListContainerWrapper"><ul class="BulletListStyle1" role="list"><li data-leveltext="" data-font="Symbol"
data-listid="1" data-aria-posinset="1" data-aria-level="1" class="OutlineElement Ltr" role="listitem"><p
class="Paragraph"><span class="TextRun"><span class="NormalTextRun">Aktau</span></span></p></li></ul></div>
<div class="ListContainerWrapper"><ul class="BulletListStyle1" role="list"><li data-listid="1"
data-aria-posinset="2" data-aria-level="1" class="OutlineElement Ltr" role="listitem"><p class="Paragraph"><span
class="TextRun"><span class="NormalTextRun">Baku</span></span></p></li></ul></div>
<div class="ListContainerWrapper"><ol class="NumberListStyle1" role="list" start="1"><li data-listid="2"
class="OutlineElement Ltr" role="listitem"><p class="Paragraph"><span class="TextRun"><span
class="NormalTextRun">Dredge</span></span></p></li><li data-listid="2" class="OutlineElement Ltr"
role="listitem"><p class="Paragraph"><span class="TextRun"><span class="NormalTextRun">Widen</span></span></p></li></ol></div>
<div class="TableContainer"><table class="Table" border="1" data-tablestyle="MsoTableGrid"><tbody><tr
class="TableRow"><td class="TableCellBorder" data-celllook="0"><div class="TableCellContent"><div
class="OutlineElement"><p class="Paragraph"><span class="TextRun" style="font-weight:bold"><span
class="NormalTextRun">Year</span></span></p></div></div></td><td class="TableCellBorder"><div
class="TableCellContent"><p class="Paragraph"><span class="TextRun" style="font-weight:bold"><span
class="NormalTextRun">Tonnes</span></span></p></div></td></tr><tr class="TableRow"><td><div
class="TableCellContent"><p class="Paragraph"><span class="TextRun"><span class="NormalTextRun">2024</span></span></p></div></td><td><div
class="TableCellContent"><p class="Paragraph"><span class="TextRun"><span class="NormalTextRun">2.1
million</span></span></p></div></td></tr></tbody></table></div>"""

_GD_TEXT = (
    "font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;"
)
GOOGLE_DOCS = f"""<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5c1e2f3a-7fff-1b2c-3d4e-5f6a7b8c9d0e">
<h1 dir="ltr" style="line-height:1.38;margin-top:20pt;margin-bottom:6pt;"><span style="font-size:20pt;{_GD_TEXT}font-weight:400;">Ports of the Caspian</span></h1>
<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="{_GD_TEXT}font-weight:400;font-style:normal;">Freight </span><span style="{_GD_TEXT}font-weight:700;font-style:normal;">doubled</span><span style="{_GD_TEXT}font-weight:400;"> while </span><span style="{_GD_TEXT}font-weight:400;font-style:italic;">ferries</span><span style="{_GD_TEXT}font-weight:400;"> waited; see </span><a href="https://example.org/ports" style="text-decoration:none;"><span style="{_GD_TEXT}color:#1155cc;font-weight:400;text-decoration:underline;">the port data</span></a><span style="{_GD_TEXT}font-weight:400;">.</span></p>
<br>
<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="{_GD_TEXT}"><br></span></p>
<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;{_GD_TEXT}" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="{_GD_TEXT}font-weight:400;">Aktau</span></p></li><li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="{_GD_TEXT}">Baku</span></p></li></ul>
<ol style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:decimal;" aria-level="1"><p dir="ltr" role="presentation"><span style="{_GD_TEXT}">Dredge</span></p></li><li dir="ltr" style="list-style-type:decimal;" aria-level="1"><p dir="ltr" role="presentation"><span style="{_GD_TEXT}">Widen</span></p></li></ol>
<br><div dir="ltr" style="margin-left:0pt;" align="left"><table style="border:none;border-collapse:collapse;"><colgroup><col width="301"><col width="301"></colgroup><tbody><tr style="height:0pt"><td style="border-left:solid #000000 1pt;padding:5pt;"><p dir="ltr" style="line-height:1.2;margin-top:0pt;margin-bottom:0pt;"><span style="{_GD_TEXT}font-weight:700;">Year</span></p></td><td style="padding:5pt;"><p dir="ltr"><span style="{_GD_TEXT}font-weight:700;">Tonnes</span></p></td></tr><tr style="height:0pt"><td style="padding:5pt;"><p dir="ltr"><span style="{_GD_TEXT}">2024</span></p></td><td style="padding:5pt;"><p dir="ltr"><span style="{_GD_TEXT}">2.1 million</span></p></td></tr></tbody></table></div></b>"""

LIBREOFFICE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8"/><title></title>
<meta name="generator" content="LibreOffice 24.2.7.2 (Linux)"/><style type="text/css">
p { margin-bottom: 0.25cm; line-height: 115%; background: transparent }
h1.western { font-family: "Liberation Sans", sans-serif; font-size: 18pt }</style></head>
<body lang="en-GB" link="#000080" vlink="#800000" dir="ltr">
<h1 class="western">Ports of the Caspian</h1>
<p style="margin-bottom: 0cm; line-height: 100%">Freight <b>doubled</b> while <i>ferries</i>
waited; see <a href="https://example.org/ports">the port data</a>.</p>
<p style="margin-bottom: 0cm; line-height: 100%"><br/></p>
<ul><li><p style="margin-bottom: 0cm; line-height: 100%">Aktau</p></li>
<li><p style="margin-bottom: 0cm; line-height: 100%">Baku</p></li></ul>
<ol><li><p style="margin-bottom: 0cm; line-height: 100%">Dredge</p></li>
<li><p style="margin-bottom: 0cm; line-height: 100%">Widen</p></li></ol>
<table width="100%" cellpadding="4" cellspacing="0"><col width="128*"/><col width="128*"/>
<tr valign="top"><td width="50%" style="border: 1px solid #000000; padding: 0.1cm"><p><b>Year</b></p></td>
<td width="50%" style="border: 1px solid #000000; padding: 0.1cm"><p><b>Tonnes</b></p></td></tr>
<tr valign="top"><td width="50%"><p>2024</p></td><td width="50%"><p>2.1 million</p></td></tr>
</table></body></html>"""

WEB_PAGE = """<h1 class="article__title" style="font-family: Georgia">Ports of the Caspian</h1>
<div class="article__body"><p class="lead" style="color: rgb(34, 34, 34);">Freight <strong
class="hl">doubled</strong> while <em>ferries</em> waited; see <a href="https://example.org/ports"
target="_blank" rel="noopener" class="inline-link" data-track="1">the port data</a>.</p>
<p>&nbsp;</p>
<ul class="bullets"><li>Aktau</li><li>Baku</li></ul>
<ol><li>Dredge</li><li>Widen</li></ol>
<table class="data"><thead><tr><th>Year</th><th>Tonnes</th></tr></thead>
<tbody><tr><td>2024</td><td>2.1 million</td></tr></tbody></table>
<button onclick="share()">Share</button><script>window.pastedScriptRan = true;</script></div>"""

PASTES = {
    "Word desktop": WORD_DESKTOP,
    "Word for the web": WORD_WEB,
    "Google Docs": GOOGLE_DOCS,
    "LibreOffice Writer": LIBREOFFICE,
    "a web page": WEB_PAGE,
}

# A bulleted list with a second level, then a numbered one, as Word desktop writes them:
# one paragraph per item, its level in mso-list ("level2"), its marker in an Ignore span.
_WORD_ITEM = (
    "<p class=MsoListParagraphCxSpMiddle style='margin-left:{indent}pt;text-indent:-18.0pt;"
    "mso-list:{list} level{level} lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
    "{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
    "<![endif]>{text}<o:p></o:p></p>"
)
WORD_NESTED_LISTS = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body><!--StartFragment-->"
    + "".join(
        _WORD_ITEM.format(indent=18 * level + 18, list=kind, level=level, marker=marker, text=text)
        for kind, level, marker, text in [
            ("l0", 1, "·", "Ports"),
            ("l0", 2, "o", "Aktau"),
            ("l0", 2, "o", "Baku"),
            ("l0", 1, "·", "Railways"),
            ("l0", 2, "o", "Middle Corridor"),
            ("l0", 3, "§", "Kazakh section"),
            ("l0", 1, "·", "Pipelines"),
        ]
    )
    + "<p class=MsoNormal>Then the steps.<o:p></o:p></p>"
    + "".join(
        _WORD_ITEM.format(indent=18 * level + 18, list="l1", level=level, marker=marker, text=text)
        for level, marker, text in [
            (1, "1.", "Dredge"),
            (2, "a.", "Aktau first"),
            (1, "2.", "Widen"),
        ]
    )
    + "<!--EndFragment--></body></html>"
)
