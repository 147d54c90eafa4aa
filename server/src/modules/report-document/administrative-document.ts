/**
 * A report in the Vietnamese administrative layout (the state's Decree 30/2020/NĐ-CP on
 * administrative documents; Party bodies follow the Party Central Office's guidance 36-HD/VPTW,
 * which differs in the motto and the issuer's header): the issuing body and its number on the
 * left, the national motto on the right, the place and date line, the title, the body sections,
 * then the recipients and the signature block side by side.
 *
 * The same structure feeds the .docx and the admin's print view, so both say the same thing.
 */
export interface AdministrativeDocument {
  /** The body above the issuer (cơ quan chủ quản), if any, e.g. "TỈNH ỦY PHÚ YÊN". */
  parentIssuer: string | null;
  issuer: string;
  /** Party bodies carry "ĐẢNG CỘNG SẢN VIỆT NAM"; others the state's motto. */
  party: boolean;
  /** "Số: …/BC-…": the clerk fills the number when the report is issued. */
  number: string;
  place: string;
  /** ISO day the document is dated. */
  date: string;
  /** The place and date line exactly as printed (see `dateLine`), so no client redoes the rule. */
  dateLine: string;
  title: string;
  subtitle: string;
  sections: DocumentSection[];
  recipients: string[];
  signature: { onBehalf: string | null; title: string; name: string | null };
}

export interface DocumentSection {
  heading: string;
  paragraphs: string[];
  table: { headers: string[]; rows: string[][] } | null;
}

export const STATE_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
export const PARTY_MOTTO = ['ĐẢNG CỘNG SẢN VIỆT NAM'];

/** The place and date line, e.g. "Phú Yên, ngày 30 tháng 6 năm 2014". */
export function dateLine(place: string, isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  // Decree 30/2020 writes days below 10 and months below 3 with a leading zero.
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `${place ? `${place}, ` : ''}ngày ${dd} tháng ${mm} năm ${year}`;
}
