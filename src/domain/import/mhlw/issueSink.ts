/** Collects a reader's issues with file, row and column, capped so a broken file cannot flood the preview. */
import { MAX_ISSUES } from '../longFormat'
import { locate, type ImportIssue } from '../types'

export class IssueSink {
  readonly issues: ImportIssue[] = []
  private dropped = 0
  private droppedError = false
  constructor(private readonly file: string) {}

  /** row is 0-based (a grid row) or null; it is shown 1-based as the spreadsheet shows it */
  add(severity: ImportIssue['severity'], row: number | null, column: string | null, text: string): void {
    if (this.issues.length >= MAX_ISSUES) { this.dropped++; this.droppedError ||= severity === 'error'; return }
    const shown = row === null ? null : row + 1
    this.issues.push({ severity, file: this.file, row: shown, column, message: locate(shown, column, text) })
  }

  /** One warning for many rows: 「12行目 …（「A町」ほか3行）」. */
  addGrouped(rows: readonly { row: number; name: string }[], column: string | null, text: (list: string) => string): void {
    const first = rows[0]
    if (!first) return
    this.add('warning', first.row, column, text(`「${first.name}」${rows.length > 1 ? `ほか${rows.length - 1}行` : ''}`))
  }

  get failed(): boolean {
    return this.issues.some((i) => i.severity === 'error') || this.droppedError
  }

  /** The issues, with a closing line when some were left out. */
  finish(): ImportIssue[] {
    if (this.dropped > 0) {
      this.issues.push({ severity: this.droppedError ? 'error' : 'warning', file: this.file, row: null, column: null,
        message: `ほかに${this.dropped}件の問題があります（最初の${MAX_ISSUES}件のみ表示しています）` })
    }
    return this.issues
  }
}
