// Package boilerplate knows the words of page furniture in the languages
// people read: the titles of boxes that point to other stories ("Read
// more", "Lesen Sie auch", "اخبار مرتبط"), the labels of widgets that
// render as text when their scripts are gone ("Share", "Imprimer"), the
// notes that close an article ("All rights reserved", "انتهای پیام") and
// the lines news sites print around the text ("کد خبر: ۱۲۳۴۵", "Tags: …").
//
// It only matches text; deciding what a match means for a block is the
// extractor's job. Each language has its own list, written as sites spell
// it and folded (see Fold) once when the package loads, so a language is
// added or checked on its own.
//
// Languages: English, German, French, Spanish, Portuguese, Italian,
// Russian, Turkish, Arabic, Persian and Chinese.
package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Kind is a class of furniture phrase.
type Kind int

const (
	// Teaser opens a box or line that points to other pages: "Read more:",
	// "Related articles", "بیشتر بخوانید". What follows it is headlines.
	Teaser Kind = iota
	// Label is the whole text of a widget: "Share", "Print", "Comments".
	Label
	// Trailer is what the notes after an article say: follow us,
	// subscribe, copyright.
	Trailer
	// Furniture opens a line that a news site prints around the text:
	// the news code, the short link, the tag list, the comment form, the
	// update stamp, the end-of-story mark.
	Furniture
	// End marks the end of a story; what follows is the site's.
	End
	kinds
)

// phrases holds, per kind, the folded phrases of each language.
type phrases [kinds][]string

// folded is lists with every phrase folded: what the matchers compare.
// It is computed once and never written after.
var folded = foldLists(lists)

func foldLists(in map[string]phrases) map[string]phrases {
	out := make(map[string]phrases, len(in))
	for lang, ps := range in {
		var f phrases
		for k := range ps {
			for _, p := range ps[k] {
				f[k] = append(f[k], Fold(p))
			}
		}
		out[lang] = f
	}
	return out
}

// lists are the phrase lists, by language, as sites write them.
var lists = map[string]phrases{
	"en": {
		Teaser: {"read more", "see more", "see also", "also read", "read also", "related:", "related articles",
			"related stories", "related coverage", "related posts", "related content", "more on this", "more from",
			"you may also like", "you might also like", "recommended for you", "recommended stories", "don't miss",
			"don’t miss", "most read", "most popular", "most viewed", "watch:", "listen:", "click here",
			"advertisement", "sponsored", "continue reading", "further reading", "trending now"},
		Label: {"caption", "close", "open", "expand", "collapse", "share", "share this", "share this article",
			"tweet", "email", "e-mail", "print", "menu", "search", "loading", "loading...", "more", "previous",
			"next", "back to top", "comments", "comment", "image", "photo", "video", "play", "pause", "skip ad",
			"hide caption", "show caption", "toggle caption", "enlarge this image", "advertisement", "reply",
			"like", "save", "copy link", "sharing is caring", "full screen", "fullscreen", "exit full screen",
			"autoplay", "mute", "unmute", "replay", "view photos", "view gallery", "buy photo"},
		Trailer: {"follow us", "follow him", "follow her", "follow them", "newsletter", "subscribe", "sign up",
			"have a tip", "news tip", "contact us", "email us", "©", "copyright", "all rights reserved",
			"download the app", "get the app", "click here"},
		Furniture: {"tags:", "filed under:", "posted in", "published:", "updated:", "last updated", "leave a comment",
			"leave a reply", "post a comment", "add a comment", "short link:", "share this:", "share on", "first published",
			"you can follow any responses to this entry", "your email address will not be published",
			"required fields are marked", "you must be logged in to post a comment", "comments are closed", "comments closed"},
		End: {},
	},
	"de": {
		Teaser:    {"lesen sie auch", "lesen sie mehr", "mehr zum thema", "weiterlesen", "mehr lesen", "das könnte sie auch interessieren", "auch interessant", "empfohlene artikel", "ähnliche artikel", "meistgelesen", "anzeige", "zum thema:"},
		Label:     {"teilen", "drucken", "kommentare", "schließen", "mehr", "weiter", "zurück", "nach oben", "bild", "foto", "vergrößern", "merken", "suche", "vollbild"},
		Trailer:   {"folgen sie uns", "newsletter abonnieren", "alle rechte vorbehalten", "jetzt abonnieren"},
		Furniture: {"schlagwörter:", "stichworte:", "veröffentlicht am", "aktualisiert am", "zuletzt aktualisiert", "kommentar schreiben", "kommentieren", "kommentare sind geschlossen"},
	},
	"fr": {
		Teaser:    {"lire aussi", "à lire aussi", "lire la suite", "voir aussi", "sur le même sujet", "articles similaires", "articles liés", "les plus lus", "publicité", "à voir aussi", "vous aimerez aussi"},
		Label:     {"partager", "imprimer", "commentaires", "fermer", "plus", "suivant", "précédent", "retour en haut", "agrandir", "rechercher", "plein écran"},
		Trailer:   {"suivez-nous", "abonnez-vous", "inscrivez-vous", "tous droits réservés"},
		Furniture: {"mots-clés:", "mots clés:", "publié le", "mis à jour le", "laisser un commentaire", "réagir", "les commentaires sont fermés"},
	},
	"es": {
		Teaser:    {"lee también", "lea también", "leer más", "ver también", "te puede interesar", "le puede interesar", "noticias relacionadas", "artículos relacionados", "lo más leído", "publicidad", "más información"},
		Label:     {"compartir", "imprimir", "comentarios", "cerrar", "más", "siguiente", "anterior", "volver arriba", "ampliar", "buscar", "pantalla completa"},
		Trailer:   {"síguenos", "suscríbete", "todos los derechos reservados"},
		Furniture: {"etiquetas:", "publicado el", "actualizado el", "última actualización", "deja un comentario", "dejar un comentario", "los comentarios están cerrados"},
	},
	"pt": {
		Teaser:    {"leia também", "leia mais", "veja também", "saiba mais", "notícias relacionadas", "matérias relacionadas", "mais lidas", "publicidade", "você também pode gostar"},
		Label:     {"compartilhar", "partilhar", "imprimir", "comentários", "fechar", "próximo", "anterior", "voltar ao topo", "ampliar", "tela cheia", "ecrã inteiro"},
		Trailer:   {"siga-nos", "assine", "inscreva-se", "todos os direitos reservados"},
		Furniture: {"tags:", "publicado em", "atualizado em", "deixe um comentário", "deixe seu comentário", "os comentários estão fechados", "comentários encerrados"},
	},
	"it": {
		Teaser:    {"leggi anche", "leggi di più", "vedi anche", "potrebbe interessarti", "articoli correlati", "notizie correlate", "i più letti", "pubblicità", "continua a leggere"},
		Label:     {"condividi", "stampa", "commenti", "chiudi", "altro", "successivo", "precedente", "torna su", "ingrandisci", "schermo intero"},
		Trailer:   {"seguici", "iscriviti", "tutti i diritti riservati", "riproduzione riservata"},
		Furniture: {"tag:", "pubblicato il", "aggiornato il", "ultimo aggiornamento", "lascia un commento", "i commenti sono chiusi"},
	},
	"ru": {
		Teaser:    {"читайте также", "читать далее", "смотрите также", "см. также", "по теме", "похожие статьи", "похожие новости", "самое читаемое", "популярное", "реклама", "подробнее"},
		Label:     {"поделиться", "печать", "распечатать", "комментарии", "закрыть", "далее", "назад", "наверх", "фото", "видео", "полный экран"},
		Trailer:   {"подписывайтесь", "подпишитесь", "все права защищены", "при перепечатке"},
		Furniture: {"теги:", "метки:", "опубликовано", "обновлено", "оставить комментарий", "добавить комментарий", "комментарии закрыты"},
	},
	"tr": {
		Teaser:    {"ayrıca okuyun", "bunu da okuyun", "devamını oku", "ilgili haberler", "benzer haberler", "en çok okunanlar", "reklam", "ilginizi çekebilir"},
		Label:     {"paylaş", "yazdır", "yorumlar", "kapat", "daha fazla", "sonraki", "önceki", "başa dön", "büyüt"},
		Trailer:   {"bizi takip edin", "abone ol", "tüm hakları saklıdır"},
		Furniture: {"etiketler:", "yayınlanma:", "yayınlanma tarihi", "güncelleme:", "güncellenme tarihi", "yorum yap", "yorum yaz", "yorumlar kapalı"},
	},
	"ar": {
		Teaser:    {"اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "اقرأ المزيد", "إقرأ أيضا", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "الأكثر قراءة", "إعلان", "شاهد أيضا"},
		Label:     {"شارك", "مشاركة", "طباعة", "تعليقات", "التعليقات", "إغلاق", "المزيد", "التالي", "السابق", "العودة للأعلى"},
		Trailer:   {"تابعونا", "تابعنا على", "اشترك", "جميع الحقوق محفوظة"},
		Furniture: {"الكلمات المفتاحية", "الوسوم:", "نشر في", "تاريخ النشر", "آخر تحديث", "أضف تعليق", "أضف تعليقك", "التعليقات مغلقة"},
	},
	"fa": {
		Teaser:    {"بیشتر بخوانید", "بخوانید:", "اخبار مرتبط", "مطالب مرتبط", "مطلب مرتبط", "خبرهای مرتبط", "پربازدیدترین", "پربحث ترین", "آگهی", "تبلیغات", "همچنین بخوانید"},
		Label:     {"اشتراک گذاری", "چاپ", "نسخه چاپی", "نظرات", "بستن", "بیشتر", "بعدی", "قبلی", "بازگشت به بالا", "ارسال به دوستان"},
		Trailer:   {"ما را دنبال کنید", "عضو شوید", "کلیه حقوق", "تمامی حقوق"},
		Furniture: {"کد خبر", "کد مطلب", "شناسه خبر", "لینک کوتاه", "لینک کپی شد", "برچسب ها", "برچسب:", "کلیدواژه ها", "نظر شما", "ارسال نظر", "به روزرسانی", "به روز رسانی", "به روز شده", "بروزرسانی", "تاریخ انتشار", "زمان انتشار", "منبع:", "امکان ارسال نظر وجود ندارد", "نظرات بسته شده"},
		End:       {"انتهای پیام", "پایان پیام", "انتهای خبر"},
	},
	"zh": {
		Teaser:    {"相关阅读", "延伸阅读", "相关新闻", "相关文章", "推荐阅读", "热门文章", "阅读更多", "广告", "猜你喜欢"},
		Label:     {"分享", "打印", "评论", "关闭", "更多", "下一页", "上一页", "返回顶部", "点击查看大图"},
		Trailer:   {"关注我们", "订阅", "版权所有", "未经授权", "转载请注明"},
		Furniture: {"标签:", "标签：", "发布时间", "更新时间", "来源:", "来源：", "责任编辑", "发表评论", "评论已关闭"},
	},
}

// Languages lists the languages that have phrase lists.
func Languages() []string {
	out := make([]string, 0, len(lists))
	for l := range lists {
		out = append(out, l)
	}
	return out
}

// glue are, by language, the words that frame a byline's parts: "by NAME
// on DATE · 4 comments". They are matched word by word (OnlyGlue), never
// as phrases: alone, most are ordinary words of prose.
var glue = map[string][]string{
	"en": {"by", "on", "at", "posted", "comment", "comments"},
	"de": {"von", "am", "um", "kommentar", "kommentare"},
	"fr": {"par", "le", "commentaire", "commentaires"},
	"es": {"por", "el", "comentario", "comentarios"},
	"pt": {"por", "em", "comentário", "comentários"},
	"it": {"di", "il", "commento", "commenti"},
	"ru": {"от", "комментарий", "комментарии"},
	"tr": {"yorum"},
	"ar": {"بواسطة", "تعليق"},
	"fa": {"توسط", "نظر"},
}

// glueWords is every language's glue, folded: what OnlyGlue looks up.
var glueWords = foldWords(glue)

func foldWords(in map[string][]string) map[string]bool {
	out := make(map[string]bool)
	for _, ws := range in {
		for _, w := range ws {
			out[Fold(w)] = true
		}
	}
	return out
}

// OnlyGlue reports whether the folded text f is made only of the words
// that frame a byline, in any language, and numbers, with at least one
// such word: what is left of "by NAME on DATE · 4 comments" once the name
// and the date went to the metadata ("by on · 4 comments", "posted by").
func OnlyGlue(f string) bool {
	found := false
	for f != "" {
		// The next word, as a substring of f (no slice is made: the
		// extractor asks this of every short paragraph).
		i := strings.IndexFunc(f, wordRune)
		if i < 0 {
			break
		}
		f = f[i:]
		j := strings.IndexFunc(f, func(r rune) bool { return !wordRune(r) })
		if j < 0 {
			j = len(f)
		}
		w := f[:j]
		f = f[j:]
		if glueWords[w] {
			found = true
		} else if strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return found
}

// Phrases returns the folded phrases of one kind in one language.
func Phrases(lang string, k Kind) []string {
	return append([]string(nil), folded[lang][k]...)
}

// Fold prepares text for matching: lowercased, Arabic letters in their
// Persian forms and Persian in one spelling (ي→ی, ك→ک, ة→ه kept), the
// zero-width non-joiner and runs of whitespace as one space, leading
// marks and bullets dropped.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	started := false
	for _, r := range s {
		switch r {
		case 'ي', 'ى':
			r = 'ی'
		case 'ك':
			r = 'ک'
		case '\u200c', '\u200f', '\u200e', '\u00a0':
			r = ' '
		case '：':
			r = ':'
		}
		if !started {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '©' {
				continue
			}
			started = true
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Opens reports whether the folded text f opens with a phrase of kind k
// in any language, the phrase ending at a word boundary.
func Opens(f string, k Kind) bool {
	for _, ps := range folded {
		for _, p := range ps[k] {
			if strings.HasPrefix(f, p) && boundary(f, len(p)) {
				return true
			}
		}
	}
	return false
}

// Is reports whether the folded text f is, apart from trailing
// punctuation, a phrase of kind k in any language.
func Is(f string, k Kind) bool {
	f = strings.TrimRightFunc(f, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	for _, ps := range folded {
		for _, p := range ps[k] {
			if f == strings.TrimRight(p, ":") {
				return true
			}
		}
	}
	return false
}

// Contains reports whether the folded text f holds a phrase of kind k in
// any language, at word boundaries.
func Contains(f string, k Kind) bool {
	for _, ps := range folded {
		for _, p := range ps[k] {
			for i := 0; ; {
				j := strings.Index(f[i:], p)
				if j < 0 {
					break
				}
				j += i
				if (j == 0 || !wordRune(lastRune(f[:j]))) && boundary(f, j+len(p)) {
					return true
				}
				i = j + 1
			}
		}
	}
	return false
}

// boundary reports whether a word ends at byte i of f.
func boundary(f string, i int) bool {
	if i >= len(f) || i == 0 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(f[:i])
	next, _ := utf8.DecodeRuneInString(f[i:])
	return !wordRune(last) || !wordRune(next) || isHan(next) || isHan(last)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isHan reports Chinese characters, which have no spaces between words.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
