"""The words and limits the page readers share: furniture labels, role words, date bounds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------ vocabulary

ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Posting|Report|NewsArticle)$", re.I)
PUBLISHED_METAS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "published-date",
    "publication_date",
    "date_published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "citation_publication_date",
    "cxenseparse:recs:publishtime",
    "displaydate",
    "og:pubdate",
    "pub_date",
    "release_date",
)
MODIFIED_METAS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)
AUTHOR_METAS = ("author", "byl", "dc.creator", "parsely-author", "sailthru.author", "article:author")
SITE_METAS = ("og:site_name", "application-name", "al:ios:app_name", "twitter:site")

BODY_CLASS = re.compile(
    r"(?:article|story|entry|post|content|news|blog|main)[-_]?(?:body|content|text|inner)"
    r"|articlebody|body[-_]?(?:text|copy)|rich[-_]?text|post[-_]?entry|article__content",
    re.I,
)
LEAD_CLASS = re.compile(
    r"(?:^|[-_\s])(?:lead|leader|intro|introduction|teaser|standfirst|abstract|summary|dek|deck|"
    r"excerpt|description|subtitle|sub-?headline)(?:$|[-_\s])",
    re.I,
)
BYLINE_CLASS = re.compile(r"byline|author|writer|autor|reporter|contributor", re.I)
BYLINE_NOT = re.compile(
    r"bio|avatar|image|img|photo|pic|thumb|about|desc|social|follow|more|box|card|list|related|"
    r"comment|twitter|email|contact|profile-link",
    re.I,
)
# Boilerplate class/id words, matched as a whole class name or as a dash/underscore-separated part
# of one ("social-share", "related_articles"), not inside other words ("shadow", "loaded").
JUNK_CLASS = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|newsletter|promo|sidebar|advert\w*|ads?|adslot|"
    r"dfp|sponsor\w*|recommend\w*|recirc|more[-_]stories|most[-_]popular|trending|"
    r"outbrain|taboola|comments?|subscribe|subscription|signup|cookie\w*|consent|"
    r"popup|modal|breadcrumbs?|tag[-_]?list|read[-_]?more|caption|"
    r"toolbar|nav|navbar|navigation|menu|footer|masthead|byline|author[-_]bio|jump[-_]link|"
    r"print[-_]only|skip[-_]link|inline[-_]?related|pagination|video[-_]player|slideshow|"
    r"disclaimer|notice)(?:$|[-_\s])",
    re.I,
)
# Words that mark boilerplate only as a whole class name ("hidden", but not "field--label-hidden").
JUNK_TOKEN = re.compile(
    r"(?:^|\s)(?:hidden|is-hidden|d-none|sr-only|visually-hidden|screen-reader-text|tags|keywords|"
    r"credit|credits|popular|banner|widget|share|social)(?:$|\s)",
    re.I,
)
# aria-label values of furniture, for screen readers ("Share this article", "Breadcrumb",
# "Related stories"), in the languages of the news we hold.
JUNK_LABEL = re.compile(
    r"\b(?:share|sharing|teilen|partager|compartir|condividi|udostępnij|social|breadcrumbs?|brotkrümel|"
    r"navigation|navigación|menu|menü|related|relacionad\w*|ähnliche|similaires|newsletter|advertisement|anzeige|werbung|publicité|"
    r"comments?|kommentare|commentaires|comentarios|tags?|pagination)\b",
    re.I,
)
JUNK_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "dialog", "menu"})
# Never article text.
SKIP_TAGS = _word_set(
    """
    script style noscript figcaption figure button iframe svg select input textarea template object
    embed video audio canvas label menu dialog picture img source link meta title head h1
    """
)
# Page furniture, unless it wraps most of the page's paragraphs (some sites put all in a <form>).
STRUCTURAL_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
BLOCK_TAGS = _word_set(
    """
    p div section article main li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th dl dt dd br hr
    center address details summary caption tbody thead tfoot
    """
)
TEXT_HOLDERS = frozenset({"div", "td", "li", "span"})
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
BOILERPLATE = re.compile(
    r"^(?:advertisement|anzeige|werbung|publicité|read more|read next|more:|related:|see also|also read|"
    r"read also|lesen sie auch|mehr zum thema|share (?:this|on)|follow us|sign up|subscribe|click here|"
    r"continue reading|story continues|recommended|watch:|listen to|photo:|image:|credit:|"
    r"copyright|©|all rights reserved|this article|sponsored|"
    # Ad slots and embedded posts, as other languages and platforms print them.
    r"(?:advertising|publicidad|publicidade|pubblicità|reklama)$|continua depois da publicidade|"
    r"continúa (?:después de|tras) la publicidad|la suite après (?:cette )?(?:publicité|la publicité)|"
    r"view this post on instagram|sieh dir diesen beitrag auf instagram an|a post shared by|"
    r"ein beitrag geteilt von)",
    re.I,
)
# Section labels that introduce furniture ("Weitere Artikel zum Thema", "About the author"): short
# blocks without a sentence's final punctuation.
FURNITURE_LABEL = re.compile(
    r"^(?:weitere|mehr (?:zu|zum|von|aus|infos|artikel|news)|noch mehr|zum weiterlesen|weiterlesen|"
    r"meist gelesen|most (?:read|popular)|related|more (?:from|on|about|stories|news)|"
    r"über (?:den|die) autor|about the author|kommentar|comments?\b|derzeit (?:noch )?keine|"
    r"themen im artikel|vorschau auf|quellen|inhaltsverzeichnis|table of contents|contents$|"
    r"diesen artikel|artikel teilen|rezept drucken|print recipe|kontakt:?$|contact:?$|"
    # Teaser and navigation labels of news sites, in the languages of the news we hold.
    r"next (?:story|article|post)|previous (?:story|article|post)|up next|order reprints|today'?s paper|"
    r"you (?:may|might) (?:also )?like|recommended (?:for you|stories|articles|reading)|trending|"
    r"editors?'? picks?|don'?t miss|latest (?:news|stories|articles|videos)?$|read next|shop this story|"
    r"(?:promoted|sponsored|partner) content|post views|(?:topics|tags|schlagworte|schlagwörter)\s*:?$|"
    r"das könnte sie (?:auch )?interessieren|auch interessant|lesen sie (?:auch|mehr)|"
    r"te puede interesar|(?:artículos |notas |noticias )?relacionad[ao]s|más información|lee también|"
    r"(?:à )?lire aussi|sur le même sujet|leggi anche|potrebbe interessarti|"
    r"(?:czytaj|zobacz) (?:też|także|również)|lees ook)",
    re.I,
)
MAX_LABEL = 80
# A body's closing labels: at most this many blocks, each shorter than this, without the punctuation
# that ends a sentence (or a quotation, or a parenthesis).
MAX_TRAILING_LABELS = 3
MAX_OPENING_LABELS = 2
# Readers' appeals closing an article: how many blocks from the end, how long at most.
APPEAL_REACH = 3
MAX_APPEAL = 300
APPEAL = re.compile(
    r"\b(?:sign up for|subscribe to)\b.{0,60}\bnewsletters?\b|letter to the editor|"
    r"support(?:ing)? (?:our|us|independent)|follow us on|if you (?:enjoyed|liked) (?:reading )?this|"
    r"(?:abonnieren sie|bestellen sie) (?:unseren|den) newsletter|unterstützen sie (?:uns|unsere arbeit)|"
    r"(?:abonnez|inscrivez)-vous à (?:notre|la) newsletter|"
    r"suscr[ií]b(?:ete|ase) a (?:nuestro|nuestra|el|la) (?:newsletter|bolet[ií]n)",
    re.I,
)
MAX_TRAILING_LABEL = 40
SENTENCE_END = re.compile(r"[.!?…:;\"”“'’»«)\]]$")
# A menu line: three or more short items between " | " (or "•", "·"): "Order Reprints | Today's
# Paper | Subscribe".
MENU_SEPARATOR = re.compile(r"\s+[|•·›»>]\s+")
MENU_MARKS = "|•·›»>"
MAX_MENU_ITEM_WORDS = 4
# Photo credits and captions: "Foto: ...", "(Credit: ...)", "Photograph by ...", "... © AFP"; the
# label opens the block or follows punctuation ("Roman Prymula, photo: ..."), unlike "a source: the".
CREDIT = re.compile(
    r"©|(?:^|[(.,;|/]\s*)(?:foto|fotos|photo|photos|bild|bildquelle|quelle|credit|crédits?(?: photos?)?|"
    r"abbildung|image|source)\s*:|^\(?photograph(?:s|ed)? by\b",
    re.I,
)
MAX_CREDIT = 200
BY_LINE = re.compile(r"^(?:by|von|par|por)\s+\S", re.I)
# A "Published" label, then the date in the same text node or in the next ones ("Published:
# <span>...</span>").
VISIBLE_DATE = re.compile(
    r">\s*(?:Published|Posted|First published|Veröffentlicht(?: am)?|Erschienen(?: am)?|Publiziert(?: am)?|"
    r"Erstellt am|Publié le|Publicado(?: el| em)?|Pubblicato(?: il)?|Gepubliceerd(?: op)?|Opublikowano|"
    r"Publikováno|Publicerad|Publisert)(?:\s+on)?\s*:?\s*(?:<[^<>]*>\s*){0,4}([^<>]{6,60}?)\s*<",
    re.I,
)
MAX_VISIBLE_DATES = 3
# The date printed beside the headline: how far after it (characters of markup) it is looked for,
# and how much markup before it may label it as an update.
NEAR_HEADLINE = 4000
LABEL_REACH = 150
UPDATE_LABEL = re.compile(
    r"updat|modif|aktualisiert|geändert|mis à jour|actualiz|aggiornat|bijgewerkt|zaktualizowano", re.I
)
URL_YEAR = re.compile(r"(?<![^\W_])((?:19|20)\d\d)(?![^\W_])")
URL_DAY_SLACK = 30  # days a stated date may pass the URL's day (drafts, time zones, late edits)
VISIBLE_UPDATED = re.compile(
    r">\s*(?:Updated|Last updated|Aktualisiert(?: am)?|Stand)(?:\s+on)?\s*:?\s*([^<>]{6,60}?)\s*<", re.I
)
# Short text nodes, and the date shapes worth handing to `parse_date` ("02.11.2021",
# "8 January 2020, 3:51 pm", "Nov. 9, 2017", "2019/10/16"). Two simple regexes beat one clever one.
# A text node: a long one that starts with a numeric date and a dash (a dateline, "27.1.2022 -
# Bei der ...") in group 1, a short one in group 2.
TEXT_NODE = re.compile(
    r">\s*(?:(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d\d-\d\d)\s*[-–—]\s[^<>]{20}"
    r"|([^<>\s][^<>]{3,88}?)\s*<)"
)
H1_TAG = re.compile(r"<h1[\s>]", re.I)
DATE_SHAPE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d\b|\b(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?\b"
    r"|\b\d\d?[-/]\d\d?[-/](?:19|20)\d\d\b|[^\W\d_]{3,}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b"
)
MAX_DATE_NODES = 40
ABOVE_HEADLINE = 600  # characters of markup above the headline searched for a kicker date
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]+\s+|\s*[|·•»]\s*|:\s+")
WORD = re.compile(r"\w+")
# Soft hyphens split words for search; U+FFFD is what undecodable bytes and NULs became.
INVISIBLE = re.compile("[\u00ad\ufffd]")
MIN_BODY_CHARS = 200
MIN_BEFORE_LOOSE_TEXT = 600  # paragraph text below this: look at text outside <p>s too
MIN_BEFORE_DESCRIPTION = 300  # body text below this: the page's description leads it
MIN_DESCRIPTION = 80
CARD_LEVELS = 3  # how far above a linked heading a teaser card's box may be
MAX_CARD_SUMMARY = 300  # characters of summary a teaser card holds besides its heading
MIN_REPEAT = 120  # blocks at least this long are dropped when repeated
# With no trusted container, the densest one widens to an ancestor up to this many levels up that
# holds this many times its paragraph text (landing pages: text in several sibling boxes).
WIDEN_LEVELS = 4
WIDEN_RATIO = 1.5
LEAD_SEARCH = 30  # paragraphs from the top of the page searched for the described standfirst
EARLIEST = dt.date(1990, 1, 1)
# English outside the US writes the day first ("en-GB", "en-AU", "en-IN", ...).
DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "au", "nz", "ie", "in", "za", "sg", "hk", "ng", "ke", "pk"})
# Reads one date string as the page writes dates (see `_valid_date`).
DateReader = Callable[..., dt.date | dt.datetime | None]
# Days that CMSs write when they have no date: never believed, whatever the metadata says.
PLACEHOLDER_DAYS = frozenset({dt.date(1970, 1, 1), dt.date(1900, 1, 1), dt.date(1901, 1, 1)})
