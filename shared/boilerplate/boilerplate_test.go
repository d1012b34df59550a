package boilerplate

import "testing"

// Each language: a teaser line, a widget label, a trailer note and a
// furniture line as sites print them, and a sentence of prose that must
// match nothing.
var cases = []struct {
	lang                              string
	teaser, label, trailer, furniture string
	prose                             string
}{
	{"en", "Read more: Storm hits the coast", "Share", "© 2024 Courier Media. All rights reserved.", "Tags: harbour, lights",
		"The council said the restoration would take three more years."},
	{"de", "Lesen Sie auch: Sturm an der Küste", "Teilen", "Alle Rechte vorbehalten.", "Veröffentlicht am 3. März 2024",
		"Der Stadtrat sagte, die Sanierung werde noch drei Jahre dauern."},
	{"fr", "À lire aussi : la tempête frappe la côte", "Imprimer", "Tous droits réservés", "Publié le 3 mars 2024",
		"Le conseil a déclaré que la restauration prendrait encore trois ans."},
	{"es", "Lee también: El temporal azota la costa", "Compartir", "Todos los derechos reservados.", "Publicado el 3 de marzo de 2024",
		"El ayuntamiento dijo que la restauración tardará tres años más."},
	{"pt", "Leia também: Tempestade atinge a costa", "Compartilhar", "Todos os direitos reservados.", "Publicado em 3 de março de 2024",
		"A câmara disse que a restauração levará mais três anos."},
	{"it", "Leggi anche: la tempesta colpisce la costa", "Condividi", "Riproduzione riservata", "Pubblicato il 3 marzo 2024",
		"Il consiglio ha detto che il restauro richiederà altri tre anni."},
	{"ru", "Читайте также: Шторм обрушился на побережье", "Поделиться", "Все права защищены.", "Опубликовано 3 марта 2024",
		"Совет заявил, что реставрация займёт ещё три года."},
	{"tr", "İlgili Haberler", "Paylaş", "Tüm hakları saklıdır.", "Yayınlanma tarihi: 03.03.2024",
		"Belediye, restorasyonun üç yıl daha süreceğini söyledi."},
	{"ar", "اقرأ أيضاً: العاصفة تضرب الساحل", "مشاركة", "جميع الحقوق محفوظة", "تاريخ النشر: 3 مارس 2024",
		"قال المجلس إن الترميم سيستغرق ثلاث سنوات أخرى."},
	{"fa", "بیشتر بخوانید: طوفان به ساحل رسید", "بازگشت به بالا", "کلیه حقوق این سایت محفوظ است.", "کد خبر: ۱۲۳۴۵",
		"شورای شهر گفت که بازسازی سه سال دیگر طول می‌کشد."},
	{"zh", "相关阅读：风暴袭击海岸", "分享", "版权所有 © 2024", "发布时间：2024-03-03",
		"市议会表示，修复工作还需要三年时间。"},
}

func TestLanguages(t *testing.T) {
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			if _, ok := lists[c.lang]; !ok {
				t.Fatalf("no phrase list for %s", c.lang)
			}
			if !Opens(Fold(c.teaser), Teaser) {
				t.Errorf("teaser %q not recognized", c.teaser)
			}
			if !Is(Fold(c.label), Label) {
				t.Errorf("label %q not recognized", c.label)
			}
			if !Contains(Fold(c.trailer), Trailer) {
				t.Errorf("trailer %q not recognized", c.trailer)
			}
			if !Opens(Fold(c.furniture), Furniture) {
				t.Errorf("furniture line %q not recognized", c.furniture)
			}
			f := Fold(c.prose)
			for k := Kind(0); k < kinds; k++ {
				if Opens(f, k) || Is(f, k) || (k == Trailer || k == End) && Contains(f, k) {
					t.Errorf("prose %q matched kind %d", c.prose, k)
				}
			}
		})
	}
}

// Persian news sites' own furniture, as ISNA, IRNA, Tasnim, Khabaronline
// and the like print it, in the spellings they use (ZWNJ, space or none).
func TestPersianNewsFurniture(t *testing.T) {
	for _, s := range []string{
		"کد خبر: ۱۲۳۴۵", "کد خبر ۹۸۷۶۵۴", "لینک کوتاه: https://example.ir/x/abc", "برچسب‌ها: اقتصاد، بورس",
		"برچسب ها", "نظر شما", "ارسال نظر", "به‌روزرسانی: ۱۴۰۲/۰۱/۲۰", "به روز شده در ۱۰:۳۰", "بروزرسانی ۱۲:۰۰",
	} {
		if !Opens(Fold(s), Furniture) {
			t.Errorf("%q not recognized as furniture", s)
		}
	}
	for _, s := range []string{"مطلب مرتبط", "اخبار مرتبط", "بیشتر بخوانید:", "مطالب مرتبط"} {
		if !Opens(Fold(s), Teaser) {
			t.Errorf("%q not recognized as a teaser", s)
		}
	}
	if !Is(Fold("انتهای پیام"), End) || !Is(Fold("انتهای پیام/"), End) {
		t.Error("انتهای پیام not recognized as the end mark")
	}
	if !Is(Fold("بازگشت به بالا"), Label) {
		t.Error("بازگشت به بالا not recognized as a label")
	}
	// Prose that begins with the same words is not furniture.
	for _, s := range []string{"کدخدای روستا گفت که آب نیامده است.", "نظرسنجی‌ها نشان می‌دهد که مردم راضی‌اند."} {
		f := Fold(s)
		if Opens(f, Furniture) || Opens(f, Teaser) {
			t.Errorf("prose %q matched", s)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  • Read  MORE":   "read more",
		"كد خبر":           "کد خبر",
		"به‌روزرسانی":      "به روزرسانی",
		"برچسب‌ها:":        "برچسب ها:",
		"标签：新闻":            "标签:新闻",
		"— © 2024 Courier": "© 2024 courier",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// Folding never empties a phrase, or it would match everything.
func TestPhrasesFold(t *testing.T) {
	for lang, ps := range folded {
		for k := Kind(0); k < kinds; k++ {
			for _, p := range ps[k] {
				if p == "" {
					t.Errorf("%s kind %d: a phrase folds to nothing", lang, k)
				}
			}
		}
	}
}

// OnlyGlue: a byline's frame words with numbers, in any language, and
// nothing else; the lists are folded like every other (تعليق with the
// Arabic yeh matches the folded text).
func TestOnlyGlue(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"by on · 4 comments", true},
		{"Posted by", true},
		{"von am", true},
		{"par le · 3 commentaires", true},
		{"بواسطة · 3 تعليق", true},
		{"توسط", true},
		{"10", false},
		{"", false},
		{"On Writing", false},
		{"By the river", false},
		{"توسط خبرنگار", false},
	} {
		if got := OnlyGlue(Fold(tt.text)); got != tt.want {
			t.Errorf("OnlyGlue(Fold(%q)) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
