import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { PARTY_MOTTO, STATE_MOTTO, type AdministrativeDocument } from './administrative-document';

/**
 * The .docx rendering of an administrative document. Loaded when a document is first asked for,
 * not at start: `docx` holds about 13 MB of memory once loaded, for a file a few users ask for.
 */

const FONT = 'Times New Roman';
const size = (points: number) => points * 2;

const run = (
  text: string,
  options: { bold?: boolean; italics?: boolean; pt?: number; underline?: boolean } = {},
) =>
  new TextRun({
    text,
    font: FONT,
    size: size(options.pt ?? 13),
    bold: options.bold,
    italics: options.italics,
    underline: options.underline ? {} : undefined,
  });

const centered = (...runs: TextRun[]) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: runs });

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** Two columns without borders: the header (issuer | motto) and the foot (recipients | signature). */
function sideBySide(left: Paragraph[], right: Paragraph[], leftShare = 40): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftShare, type: WidthType.PERCENTAGE }, children: left }),
          new TableCell({
            width: { size: 100 - leftShare, type: WidthType.PERCENTAGE },
            children: right,
          }),
        ],
      }),
    ],
  });
}

function dataTable(table: { headers: string[]; rows: string[][] }): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [run(text, { bold, pt: 12 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: table.headers.map((h) => cell(h, true)) }),
      ...table.rows.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
    ],
  });
}

export async function toDocx(doc: AdministrativeDocument): Promise<Buffer> {
  const header = sideBySide(
    [
      ...(doc.parentIssuer ? [centered(run(doc.parentIssuer.toUpperCase()))] : []),
      centered(run(doc.issuer.toUpperCase(), { bold: true })),
      centered(run('*', { bold: true })),
      centered(run(doc.number)),
    ],
    (doc.party ? PARTY_MOTTO : STATE_MOTTO).map((line, index) =>
      centered(run(line, { bold: true, underline: index === (doc.party ? 0 : 1) })),
    ),
  );
  const body: (Paragraph | Table)[] = [];
  for (const section of doc.sections) {
    body.push(
      new Paragraph({
        spacing: { before: 200, after: 80 },
        children: [run(section.heading, { bold: true, pt: 14 })],
      }),
    );
    for (const text of section.paragraphs)
      body.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 567 },
          spacing: { after: 80 },
          children: [run(text, { pt: 14 })],
        }),
      );
    if (section.table) body.push(dataTable(section.table));
  }
  const foot = sideBySide(
    [
      new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, pt: 12 })] }),
      ...doc.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { pt: 11 })] })),
    ],
    [
      ...(doc.signature.onBehalf ? [centered(run(doc.signature.onBehalf, { bold: true }))] : []),
      centered(run(doc.signature.title.toUpperCase(), { bold: true })),
      centered(run('(Ký, ghi rõ họ tên)', { italics: true, pt: 12 })),
      new Paragraph({ children: [], spacing: { before: 1200 } }),
      ...(doc.signature.name ? [centered(run(doc.signature.name, { bold: true }))] : []),
    ],
    45,
  );
  const section: ISectionOptions = {
    properties: {
      page: {
        // A4 with the margins Decree 30/2020 sets: top and bottom 20 mm, left 30 mm, right 15 mm.
        size: { width: 11906, height: 16838 },
        margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
      },
    },
    children: [
      header,
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 120, after: 240 },
        children: [run(doc.dateLine, { italics: true, pt: 14 })],
      }),
      centered(run(doc.title, { bold: true, pt: 14 })),
      centered(run(doc.subtitle, { bold: true, pt: 14 })),
      centered(run('-----')),
      ...body,
      new Paragraph({ children: [], spacing: { after: 240 } }),
      foot,
    ],
  };
  const document = new Document({
    creator: 'plan68',
    title: `${doc.title} ${doc.subtitle}`,
    styles: { default: { document: { run: { font: FONT, size: size(14) } } } },
    sections: [section],
  });
  return Packer.toBuffer(document);
}
