package telegram

import "github.com/go-telegram/bot/models"

// commandLanguages are the languages whose command descriptions are
// registered with setMyCommands: the corpus languages. Telegram shows a
// user the list for their app's language and the default (English) list to
// everyone else.
var commandLanguages = []string{"en", "es", "pt", "fr", "de", "id", "ms", "vi", "th", "zh", "it"}

// commandList returns the bot's commands described in lang (English for a
// language it does not know).
func commandList(lang string) []models.BotCommand {
	d, ok := commandDescriptions[lang]
	if !ok {
		d = commandDescriptions["en"]
	}
	return []models.BotCommand{
		{Command: "start", Description: d[0]},
		{Command: "help", Description: d[1]},
		{Command: "new", Description: d[2]},
	}
}

// commandDescriptions holds, per language, the descriptions of /start,
// /help and /new, in that order.
var commandDescriptions = map[string][3]string{
	"en": {"Start: what to send us", "How this bot works", "Start a new inquiry"},
	"es": {"Empezar: qué enviarnos", "Cómo funciona este bot", "Empezar una nueva consulta"},
	"pt": {"Começar: o que nos enviar", "Como este bot funciona", "Começar uma nova consulta"},
	"fr": {"Commencer : quoi nous envoyer", "Comment fonctionne ce bot", "Nouvelle demande"},
	"de": {"Start: was Sie uns schicken", "So funktioniert dieser Bot", "Neue Anfrage beginnen"},
	"id": {"Mulai: apa yang perlu dikirim", "Cara kerja bot ini", "Mulai permintaan baru"},
	"ms": {"Mula: apa yang perlu dihantar", "Cara bot ini berfungsi", "Mulakan pertanyaan baharu"},
	"vi": {"Bắt đầu: cần gửi gì cho chúng tôi", "Cách bot này hoạt động", "Bắt đầu yêu cầu mới"},
	"th": {"เริ่ม: ส่งอะไรให้เรา", "วิธีใช้บอทนี้", "เริ่มคำถามใหม่"},
	"zh": {"开始：需要发送什么", "机器人使用说明", "开始新的询价"},
	"it": {"Inizia: cosa inviarci", "Come funziona questo bot", "Inizia una nuova richiesta"},
}
