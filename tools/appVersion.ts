/**
 * The version shown in the app: package.json's version and the build date (Japan time, the
 * users' calendar). SOURCE_DATE_EPOCH, when set, fixes the date for a reproducible build.
 */
import { readFileSync } from 'node:fs'

export interface AppVersion {
  version: string
  /** YYYY-MM-DD */
  buildDate: string
}

export function buildDate(now: Date = new Date()): string {
  const epoch = process.env.SOURCE_DATE_EPOCH
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now
  // sv-SE formats dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(when)
}

export function appVersion(packageJsonPath: string): AppVersion {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown }
  if (typeof pkg.version !== 'string') throw new Error(`${packageJsonPath} has no version`)
  return { version: pkg.version, buildDate: buildDate() }
}
