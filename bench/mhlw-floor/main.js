/**
 * The floor for the national workbook import bench (bench/mhlw-import.mjs): the least a page can
 * do to read the chosen .xlsx. No app code: the file input's change → File.arrayBuffer() →
 * read-excel-file's browser build, as the app calls it (every sheet), on the main thread. Marks
 * are taken as the app's are: at the change event, and at the first frame after the result.
 */
import readXlsxFile from 'read-excel-file/browser'

const f = (window.__floor = { longTasks: [], marks: {} })
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) f.longTasks.push([e.startTime, e.duration]) }).observe({ type: 'longtask' })
} catch { /* no long-task timing */ }

const input = document.getElementById('file')
input.addEventListener('change', async () => {
  f.marks.change = performance.now()
  try {
    const buffer = await input.files[0].arrayBuffer()
    f.marks.read = performance.now()
    const sheets = await readXlsxFile(buffer)
    f.marks.parsed = performance.now()
    // kept, as the app keeps what it read until the import is done
    window.__sheets = sheets
    f.sheets = sheets.map((s) => ({ name: s.sheet, rows: s.data.length, columns: s.data[0]?.length ?? 0 }))
    document.getElementById('status').textContent = f.sheets.map((s) => `${s.name}: ${s.rows}×${s.columns}`).join(', ')
  } catch (e) {
    f.error = String(e)
  }
  requestAnimationFrame(() => setTimeout(() => { f.marks.done = performance.now() }, 0))
})
