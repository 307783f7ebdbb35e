/**
 * A report as PDF (jsPDF + autotable): a cover with title, map and facts, tables with
 * withheld cells marked and their reason, points of attention and method notes, page
 * numbers on every page. The content is built by the caller from disclosure-controlled
 * figures; this module only lays it out.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';

export interface ReportTable {
  title: string;
  head: string[];
  rows: string[][];
  /** Row indexes whose figures are withheld (shown in grey italics). */
  withheldRows?: readonly number[];
}

export interface ReportContent {
  title: string;
  subtitle: string;
  facts: string[];
  map: { png: Uint8Array; width: number; height: number; caption: string } | null;
  tables: ReportTable[];
  attention: { title: string; items: string[] } | null;
  notes: { title: string; items: string[] };
  footer: string;
}

const MARGIN = 15;

function pngDataUrl(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}

export function reportPdf(content: ReportContent): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  const pageWidth = doc.internal.pageSize.getWidth();
  const usable = pageWidth - 2 * MARGIN;
  doc.setProperties({ title: content.title, subject: content.subtitle, creator: 'Bydelsmonitor' });

  doc.setFont('helvetica', 'bold');
  doc.setFontSize(18);
  doc.text(doc.splitTextToSize(content.title, usable) as string[], MARGIN, 22);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(11);
  doc.text(content.subtitle, MARGIN, 32);
  let y = 40;
  doc.setFontSize(9.5);
  for (const fact of content.facts) {
    const lines = doc.splitTextToSize(fact, usable) as string[];
    doc.text(lines, MARGIN, y);
    y += 4.6 * lines.length;
  }
  if (content.map) {
    const width = usable;
    const height = Math.min(150, (content.map.height / content.map.width) * width);
    doc.addImage(pngDataUrl(content.map.png), 'PNG', MARGIN, y + 2, (height / ((content.map.height / content.map.width) * width)) * width, height);
    y += height + 6;
    doc.setFontSize(8.5);
    doc.text(content.map.caption, MARGIN, y);
  }

  for (const table of content.tables) {
    doc.addPage();
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(13);
    doc.text(table.title, MARGIN, 20);
    const withheld = new Set(table.withheldRows ?? []);
    autoTable(doc, {
      startY: 25,
      head: [table.head],
      body: table.rows,
      margin: { left: MARGIN, right: MARGIN },
      styles: { font: 'helvetica', fontSize: 8.5, cellPadding: 1.4 },
      headStyles: { fillColor: [29, 79, 145] },
      didParseCell: (data) => {
        if (data.section === 'body' && withheld.has(data.row.index)) {
          data.cell.styles.textColor = [90, 90, 90];
          data.cell.styles.fontStyle = 'italic';
        }
      },
    });
  }

  const lists = [content.attention, content.notes].filter((x): x is { title: string; items: string[] } => x !== null && x.items.length > 0);
  if (lists.length > 0) {
    doc.addPage();
    let ly = 20;
    for (const list of lists) {
      doc.setFont('helvetica', 'bold');
      doc.setFontSize(13);
      doc.text(list.title, MARGIN, ly);
      ly += 7;
      doc.setFont('helvetica', 'normal');
      doc.setFontSize(9.5);
      for (const item of list.items) {
        const lines = doc.splitTextToSize(`• ${item}`, usable) as string[];
        if (ly + lines.length * 4.6 > 280) {
          doc.addPage();
          ly = 20;
        }
        doc.text(lines, MARGIN, ly);
        ly += lines.length * 4.6 + 1.5;
      }
      ly += 5;
    }
  }

  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8);
    doc.setTextColor(80);
    doc.text(`${content.footer} · ${p}/${pages}`, MARGIN, 290);
    doc.setTextColor(0);
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
