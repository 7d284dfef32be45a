/** The browser file host: the task pane working on an .xlsx file picked by the user. */
export { createFileHost, downloadName, loadXlsx, specLang, type FileHost } from './fileHost';
