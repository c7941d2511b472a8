/**
 * A text in Vietnamese and English, side by side: every message a user reads (a refusal, a problem
 * document, a finding, a notification) carries both. The shared kernel owns it so that every context
 * names the same type without depending on another context for it.
 */
export interface Text {
  vi: string;
  en: string;
}
