/** A Sheet (see tables.ts) as an HTML table: the same rows the exports write. */
import type { Sheet } from '../../../shared/export/sheet-files';
import type { Language } from '../../../shared/i18n/messages';

const show = (v: string | number | null, language: Language) =>
  v === null ? '–' : typeof v === 'number' ? v.toLocaleString(language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 2 }) : v;

export function SheetTable({ sheet, language, testId, skipColumns = 0 }: { sheet: Sheet; language: Language; testId: string; skipColumns?: number }) {
  return (
    <div className="table-preview">
      <table data-testid={testId}>
        <thead>
          <tr>
            {sheet.head.slice(skipColumns).map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((row, i) => (
            <tr key={i}>
              {row.slice(skipColumns).map((v, j) => (
                <td key={j}>{show(v, language)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
