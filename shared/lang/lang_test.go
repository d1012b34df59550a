package lang

import (
	"testing"
	"unicode"
)

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"وزرای امور خارجه روسیه و چین ضمن تأکید بر مواضع واحد خود در قبال تحولات گفتند دیدار روز جمعه اهمیت بسیار زیادی دارد.", "fa"},
		// Persian typed with Arabic yeh and kaf, as older sites do: پ چ ژ گ still tell.
		{"وزير امور خارجه چين گفت كه ديدار پكن براي دو كشور مهم است و همكاري ادامه دارد.", "fa"},
		{"قال وزير الخارجية الصيني إن العلاقات بين البلدين تشهد مرحلة جديدة من التعاون الاستراتيجي في المنطقة.", "ar"},
		{"پاکستان کے وزیر اعظم نے کہا ہے کہ ملک میں معاشی ترقی کے لیے اقدامات کیے جا رہے ہیں اور عوام کو ریلیف ملے گا۔", "ur"},
		{"د افغانستان د بهرنیو چارو وزیر وویل چې د ګاونډیو هیوادونو سره اړیکې ښې دي او همکارۍ ته دوام ورکوي.", "ps"},
		{"The foreign ministers of Russia and China met in Beijing on Thursday and said that the visit was important for both countries.", "en"},
		{"Les ministres des affaires étrangères se sont rencontrés à Pékin et ont dit que la visite est importante pour les deux pays.", "fr"},
		{"Die Außenminister trafen sich in Peking und sagten, dass der Besuch für beide Länder wichtig ist und nicht nur ein Zeichen.", "de"},
		{"人工智能正在改变我们的世界。从自动驾驶汽车到医疗诊断，人工智能的应用无处不在。", "zh"},
		{"日本語でも同様に、人工知能は急速に発展しており、多くの産業で活用されています。", "ja"},
		{"Министры иностранных дел России и Китая встретились в Пекине и обсудили отношения.", "ru"},
		{"שרי החוץ של רוסיה וסין נפגשו בבייג'ינג ואמרו שהביקור חשוב לשתי המדינות.", "he"},
		{"123 456 !!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	tests := []struct{ code, want string }{
		{"fa", "rtl"}, {"fa-IR", "rtl"}, {"AR_eg", "rtl"}, {"ur", "rtl"}, {"he", "rtl"}, {"ckb", "rtl"},
		{"en", "ltr"}, {"zh-Hans", "ltr"}, {"pa-Arab", "rtl"}, {"ku-Latn", "ltr"}, {"az-Arab-IR", "rtl"},
		{"", ""}, {"-", "ltr"},
	}
	for _, tt := range tests {
		if got := Direction(tt.code); got != tt.want {
			t.Errorf("Direction(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en_US", "en-US"}, {"EN-us", "en-US"}, {" zh-hans ", "zh-Hans"}, {"fa-IR;q=0.9", "fa-IR"},
		{"fa, en", "fa"}, {"pt-br", "pt-BR"}, {"es-419", "es-419"}, {"x", ""}, {"english", ""},
		{"", ""}, {"12", ""}, {"fa-", "fa"},
	}
	for _, tt := range tests {
		if got := Tag(tt.in); got != tt.want {
			t.Errorf("Tag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestArabicLetterTable checks the table behind Measure and arabicScript
// against the unicode package: isArabicLetter is true exactly for the
// letters of the Arabic script, which ScriptOf calls Arabic.
func TestArabicLetterTable(t *testing.T) {
	n := 0
	for r := rune(0x600); r < 0x700; r++ {
		want := unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r)
		if got := isArabicLetter(r); got != want {
			t.Errorf("isArabicLetter(%U) = %v, want %v", r, got, want)
		}
		if want {
			n++
			if ScriptOf(r) != Arabic {
				t.Errorf("ScriptOf(%U) = %v, want Arabic", r, ScriptOf(r))
			}
		}
	}
	if n < 150 {
		t.Errorf("only %d Arabic letters in the Arabic block", n)
	}
}
