import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/context';
import { AppError, BadInputError, forbidden, type FieldViolation } from '../../common/errors';
import { translateDbError } from '../../common/crud/crud.service';
import { Role } from '../../common/roles';
import { todayInVietnam } from '../../common/time';
import { HouseholdCategory, Relation } from './household.entity';
import {
  householdCategoryPeriodService,
  householdMemberService,
  householdService,
} from './household.service';
import { ImportBatch } from './import-batch.entity';

/**
 * Households, their members and categories from the spreadsheet agencies receive from communes
 * (the article's third information request: lists of policy families and poor households by
 * village). The template is generated here so the columns the server reads and the columns the
 * user fills cannot drift apart.
 *
 * Every row goes through the same services and rules as a record typed in the admin. The whole
 * file stands or falls together (one savepoint); a dry run is the same work rolled back, so it
 * reports exactly what the import would do. Natural keys make a second import of the same people
 * add nothing: a household is its village and its head's name, a member their household, name and
 * birth year, a category period its household, category and a period covering the start date.
 */

export const HOUSEHOLD_IMPORT_KIND = 'households';
/** Rows a file may hold across its sheets: a commune's list is a few thousand at most. */
export const MAX_IMPORT_ROWS = 20_000;

type Cell = string | Date | number | boolean | null;

interface Column {
  key: string;
  header: string;
  width: number;
  /** The service field a rule violation on this column names, when it differs from key. */
  field?: string;
  note?: string;
}

const HOUSEHOLD_SHEET = 'Hộ gia đình';
const MEMBER_SHEET = 'Thành viên';

const HOUSEHOLD_COLUMNS: Column[] = [
  {
    key: 'key',
    header: 'Mã hộ trong tệp',
    width: 14,
    note: 'Số hoặc chữ, không trùng nhau; dùng để ghép thành viên với hộ.',
  },
  { key: 'commune', header: 'Xã, phường', width: 22, field: 'villageId' },
  { key: 'village', header: 'Thôn, buôn', width: 22, field: 'villageId' },
  { key: 'headName', header: 'Họ và tên chủ hộ', width: 26 },
  { key: 'address', header: 'Địa chỉ', width: 30 },
  {
    key: 'category',
    header: 'Diện hộ',
    width: 20,
    note: 'Hộ nghèo, Hộ cận nghèo hoặc Gia đình chính sách; để trống nếu chưa xác định.',
  },
  {
    key: 'categoryFrom',
    header: 'Diện hộ từ ngày',
    width: 16,
    field: 'validFrom',
    note: 'Ngày/tháng/năm, ví dụ 01/01/2014.',
  },
  { key: 'circumstances', header: 'Hoàn cảnh', width: 40 },
];

const MEMBER_COLUMNS: Column[] = [
  { key: 'key', header: 'Mã hộ trong tệp', width: 14 },
  { key: 'fullName', header: 'Họ và tên', width: 26 },
  { key: 'birthYear', header: 'Năm sinh', width: 10 },
  { key: 'relation', header: 'Quan hệ với chủ hộ', width: 18 },
  { key: 'isPupil', header: 'Đang đi học', width: 12, note: 'Có hoặc Không.' },
  { key: 'citizenId', header: 'Số căn cước', width: 16, note: '12 chữ số; để trống nếu không có.' },
];

const CATEGORY_LABELS: Record<HouseholdCategory, string> = {
  [HouseholdCategory.POOR]: 'Hộ nghèo',
  [HouseholdCategory.NEAR_POOR]: 'Hộ cận nghèo',
  [HouseholdCategory.POLICY_FAMILY]: 'Gia đình chính sách',
};

const RELATION_LABELS: Record<Relation, string> = {
  [Relation.HEAD]: 'Chủ hộ',
  [Relation.SPOUSE]: 'Vợ, chồng',
  [Relation.CHILD]: 'Con',
  [Relation.PARENT]: 'Cha, mẹ',
  [Relation.GRANDCHILD]: 'Cháu',
  [Relation.SIBLING]: 'Anh, chị, em',
  [Relation.OTHER]: 'Khác',
};

/** Names compared the way a person reads them: Unicode-composed, case and spacing ignored. */
export function normalizeName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/** "Xã Xuân Sơn Bắc" and "Xuân Sơn Bắc" name the same commune. */
function withoutLevelWord(value: string): string {
  return normalizeName(value).replace(
    /^(xã|phường|thị trấn|đặc khu|thôn|buôn|bon|làng|ấp|tổ dân phố|khu phố)\s+/u,
    '',
  );
}

function choiceOf<T extends string>(labels: Record<T, string>, value: string): T | null {
  const wanted = normalizeName(value);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (normalizeName(label) === wanted || code.toLowerCase() === wanted) return code;
  }
  return null;
}

/** An Excel date cell, or dd/MM/yyyy typed as text: the calendar day, as ISO. */
export function parseDay(value: Cell): string | null {
  if (value instanceof Date) {
    // Excel stores days without a zone; exceljs hands them over as midnight UTC.
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  if (!match) return null;
  const [, d, m, y] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

function cellValue(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (value == null) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'object') {
    if ('richText' in value)
      return (
        value.richText
          .map((part) => part.text)
          .join('')
          .trim() || null
      );
    if ('text' in value && typeof value.text === 'string') return value.text.trim() || null;
    if ('result' in value) {
      const result = value.result;
      return result == null || typeof result === 'object' ? null : (result as Cell);
    }
  }
  return null;
}

const text = (value: Cell): string | null =>
  value == null ? null : value instanceof Date ? parseDay(value) : String(value).trim() || null;

interface SheetRow {
  row: number;
  cells: Record<string, Cell>;
}

export interface CellError {
  sheet: string;
  row: number;
  column: string | null;
  field: string | null;
  rule: string;
  message: string;
  params?: Record<string, unknown>;
}

export type RowOutcomeKind = 'CREATED' | 'COMPLETED' | 'UNCHANGED' | 'INVALID';

export interface RowOutcome {
  sheet: string;
  row: number;
  label: string | null;
  outcome: RowOutcomeKind;
  errors: CellError[];
}

export interface HouseholdImportResult {
  dryRun: boolean;
  fileDigest: string;
  alreadyImported: ImportBatch | null;
  batch: ImportBatch | null;
  rowCount: number;
  householdsCreated: number;
  membersCreated: number;
  categoryPeriodsCreated: number;
  errorCount: number;
  rows: RowOutcome[];
}

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * Imports running in this process, by the key the client chose, so the admin can show how far a
 * long import has gone while its request runs. Another process behind a load balancer answers
 * null: the client then shows an undetermined bar.
 */
const running = new Map<string, ImportProgress>();

export function importProgress(key: string): ImportProgress | null {
  return running.get(key) ?? null;
}

function readSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]): SheetRow[] {
  const sheet = workbook.worksheets.find((s) => normalizeName(s.name) === normalizeName(name));
  if (!sheet) return [];
  const headerRow = sheet.getRow(1);
  const positions = new Map<string, number>();
  headerRow.eachCell((cell, index) => {
    const header = text(cellValue(cell));
    const column = header && columns.find((c) => normalizeName(c.header) === normalizeName(header));
    if (column) positions.set(column.key, index);
  });
  const missing = columns.filter((c) => !positions.has(c.key));
  if (missing.length > 0) {
    throw BadInputError.of(
      'file',
      'templateColumns',
      `Sheet “${name}” lacks the template's columns: ${missing.map((c) => c.header).join(', ')}`,
      { sheet: name, columns: missing.map((c) => c.header).join(', ') },
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, Cell> = {};
    let filled = false;
    for (const column of columns) {
      const value = cellValue(row.getCell(positions.get(column.key)!));
      cells[column.key] = value;
      if (value != null) filled = true;
    }
    if (filled) rows.push({ row: number, cells });
  });
  return rows;
}

/**
 * exceljs, loaded on the first import or template asked for rather than at start: it holds about
 * 27 MB of memory once loaded, in a server that otherwise needs about 110 MB.
 */
const excel = async () => (await import('exceljs')).default;

async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw BadInputError.of('file', 'xlsx', 'is not an Excel (.xlsx) file');
  }
  return workbook;
}

/** The template the admin offers for download: the two sheets, a guide, and pick lists. */
export async function householdImportTemplate(): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'plan68';
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 110 }];
  const lines = [
    'MẪU NHẬP DANH SÁCH HỘ GIA ĐÌNH',
    '',
    `1. Sheet “${HOUSEHOLD_SHEET}”: mỗi dòng một hộ. “Mã hộ trong tệp” do bạn đặt (1, 2, 3…), không trùng nhau.`,
    '   “Xã, phường” và “Thôn, buôn” ghi đúng tên như trong danh mục đơn vị hành chính của hệ thống.',
    `2. Sheet “${MEMBER_SHEET}”: mỗi dòng một người, ghi “Mã hộ trong tệp” của hộ mình. Chủ hộ cũng ghi ở đây với quan hệ “Chủ hộ”.`,
    '3. Ngày ghi theo dạng ngày/tháng/năm (01/01/2014). Diện hộ và quan hệ chọn trong danh sách.',
    '4. Bấm “Kiểm tra” trước: hệ thống báo từng dòng, từng ô sai. Chỉ khi không còn lỗi mới nhập được; nhập là nhập cả tệp hoặc không nhập gì.',
    '5. Nhập lại cùng một tệp không thêm gì. Hộ đã có (cùng thôn, cùng tên chủ hộ) và người đã có (cùng hộ, họ tên, năm sinh) được bỏ qua.',
  ];
  lines.forEach((line, index) => {
    guide.getCell(index + 1, 1).value = line;
  });
  guide.getCell(1, 1).font = { bold: true, size: 14 };

  const addSheet = (name: string, columns: Column[]) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    columns.forEach((column, index) => {
      if (column.note) sheet.getCell(1, index + 1).note = column.note;
    });
    return sheet;
  };
  const households = addSheet(HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS);
  addSheet(MEMBER_SHEET, MEMBER_COLUMNS);
  const list = (labels: Record<string, string>) => [`"${Object.values(labels).join(',')}"`];
  const categoryColumn = HOUSEHOLD_COLUMNS.findIndex((c) => c.key === 'category') + 1;
  const fromColumn = HOUSEHOLD_COLUMNS.findIndex((c) => c.key === 'categoryFrom') + 1;
  for (let row = 2; row <= 2000; row++) {
    households.getCell(row, categoryColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: list(CATEGORY_LABELS),
    };
    households.getCell(row, fromColumn).numFmt = 'dd/mm/yyyy';
  }
  const members = workbook.getWorksheet(MEMBER_SHEET)!;
  const relationColumn = MEMBER_COLUMNS.findIndex((c) => c.key === 'relation') + 1;
  const citizenColumn = MEMBER_COLUMNS.findIndex((c) => c.key === 'citizenId') + 1;
  for (let row = 2; row <= 8000; row++) {
    members.getCell(row, relationColumn).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: list(RELATION_LABELS),
    };
    // Text, so Excel keeps the leading zeros of a citizen ID.
    members.getCell(row, citizenColumn).numFmt = '@';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Village {
  id: string;
  commune: string;
  name: string;
}

interface Existing {
  households: Map<string, string>;
  members: Set<string>;
  periods: { householdId: string; category: HouseholdCategory; from: string; to: string | null }[];
}

const householdKey = (villageId: string, headName: string) =>
  `${villageId}|${normalizeName(headName)}`;
const memberKey = (householdId: string, fullName: string, birthYear: number | null) =>
  `${householdId}|${normalizeName(fullName)}|${birthYear ?? ''}`;

async function villagesNamed(em: EntityManager, communes: string[]): Promise<Village[]> {
  const rows: { id: string; name: string; commune: string }[] = await em.query(
    `SELECT v.id, v.name, c.name AS commune FROM administrative_units v
       JOIN administrative_units c ON c.id = v.parent_id
      WHERE v.level = 'VILLAGE' AND c.level = 'COMMUNE'
        AND regexp_replace(lower(trim(regexp_replace(c.name, '\\s+', ' ', 'g'))),
                           '^(xã|phường|thị trấn|đặc khu) ', '') = ANY($1::text[])`,
    [communes],
  );
  return rows.map((r) => ({
    id: r.id,
    commune: withoutLevelWord(r.commune),
    name: withoutLevelWord(r.name),
  }));
}

async function existingRecords(em: EntityManager, villageIds: string[]): Promise<Existing> {
  const households: { id: string; village_id: string; head_name: string }[] = await em.query(
    'SELECT id, village_id, head_name FROM households WHERE village_id = ANY($1::uuid[])',
    [villageIds],
  );
  const ids = households.map((h) => h.id);
  const members: { household_id: string; full_name: string; birth_year: number | null }[] =
    await em.query(
      'SELECT household_id, full_name, birth_year FROM household_members WHERE household_id = ANY($1::uuid[])',
      [ids],
    );
  const periods: {
    household_id: string;
    category: HouseholdCategory;
    valid_from: string;
    valid_to: string | null;
  }[] = await em.query(
    `SELECT household_id, category, valid_from::text, valid_to::text FROM household_category_periods
        WHERE household_id = ANY($1::uuid[])`,
    [ids],
  );
  return {
    households: new Map(households.map((h) => [householdKey(h.village_id, h.head_name), h.id])),
    members: new Set(members.map((m) => memberKey(m.household_id, m.full_name, m.birth_year))),
    periods: periods.map((p) => ({
      householdId: p.household_id,
      category: p.category,
      from: p.valid_from,
      to: p.valid_to,
    })),
  };
}

/** A rule violation from a service, placed on the file's cell that holds the field. */
function cellErrors(sheet: string, row: number, columns: Column[], error: unknown): CellError[] {
  if (!(error instanceof AppError)) throw error;
  const extensions = error.extensions as {
    code?: string;
    rule?: string;
    field?: string;
    violations?: FieldViolation[];
  };
  if (extensions.code === 'FORBIDDEN' && extensions.rule === 'role') throw error;
  const violations: FieldViolation[] = extensions.violations ?? [
    { field: extensions.field ?? '', rule: extensions.rule ?? 'invalid', message: error.message },
  ];
  return violations.map((v) => {
    const column = columns.find((c) => (c.field ?? c.key) === v.field);
    return {
      sheet,
      row,
      column: column?.header ?? null,
      field: v.field || null,
      rule: v.rule,
      message: v.message,
      ...(v.params ? { params: v.params } : {}),
    };
  });
}

class RollBack extends Error {}

export async function importHouseholds(
  ctx: RequestContext,
  input: {
    file: Buffer;
    fileName: string;
    dryRun: boolean;
    organizationId?: string | null;
    progressKey?: string | null;
  },
): Promise<HouseholdImportResult> {
  // Refuse roles that may not add households before reading a byte of the file.
  householdService.reach(ctx, 'write');
  householdMemberService.reach(ctx, 'write');
  householdCategoryPeriodService.reach(ctx, 'write');
  if (ctx.user!.role !== Role.ADMIN && ctx.user!.role !== Role.AGENCY_OFFICER)
    throw forbidden('Only administrators and agency officers import households', { rule: 'role' });
  const organizationId =
    ctx.user!.role === Role.AGENCY_OFFICER
      ? ctx.scope.organizationId
      : (input.organizationId ?? null);
  if (
    ctx.user!.role === Role.AGENCY_OFFICER &&
    input.organizationId &&
    input.organizationId !== organizationId
  )
    throw forbidden('You may only import for your own agency', {
      field: 'organizationId',
      rule: 'ownAgency',
    });

  const fileDigest = createHash('sha256').update(input.file).digest('hex');
  const empty = (rows: RowOutcome[], rowCount: number): HouseholdImportResult => ({
    dryRun: input.dryRun,
    fileDigest,
    alreadyImported: null,
    batch: null,
    rowCount,
    householdsCreated: 0,
    membersCreated: 0,
    categoryPeriodsCreated: 0,
    errorCount: rows.reduce((sum, r) => sum + r.errors.length, 0),
    rows,
  });
  const previous = await ctx.db
    .getRepository(ImportBatch)
    .createQueryBuilder('b')
    .where('b.kind = :kind AND b.fileDigest = :fileDigest', {
      kind: HOUSEHOLD_IMPORT_KIND,
      fileDigest,
    })
    .andWhere(organizationId ? 'b.organizationId = :organizationId' : 'b.organizationId IS NULL', {
      organizationId,
    })
    .getOne();
  if (previous) return { ...empty([], previous.rowCount), alreadyImported: previous };

  const workbook = await loadWorkbook(input.file);
  const householdRows = readSheet(workbook, HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS);
  const memberRows = readSheet(workbook, MEMBER_SHEET, MEMBER_COLUMNS);
  const rowCount = householdRows.length + memberRows.length;
  if (rowCount === 0) throw BadInputError.of('file', 'noRows', 'has no households to import');
  if (rowCount > MAX_IMPORT_ROWS)
    throw BadInputError.of('file', 'maxRows', `has more than ${MAX_IMPORT_ROWS} rows`, {
      max: MAX_IMPORT_ROWS,
    });

  const progress: ImportProgress = { done: 0, total: rowCount };
  if (input.progressKey) running.set(input.progressKey, progress);
  try {
    return await runImport(ctx, input, {
      fileDigest,
      organizationId,
      householdRows,
      memberRows,
      progress,
      empty,
    });
  } finally {
    if (input.progressKey) running.delete(input.progressKey);
  }
}

async function runImport(
  ctx: RequestContext,
  input: { fileName: string; dryRun: boolean },
  work: {
    fileDigest: string;
    organizationId: string | null;
    householdRows: SheetRow[];
    memberRows: SheetRow[];
    progress: ImportProgress;
    empty: (rows: RowOutcome[], rowCount: number) => HouseholdImportResult;
  },
): Promise<HouseholdImportResult> {
  const { householdRows, memberRows, progress } = work;
  const rowCount = householdRows.length + memberRows.length;
  const outcomes = new Map<SheetRow, RowOutcome>();
  const outcomeOf = (sheet: string, row: SheetRow, label: string | null): RowOutcome => {
    let outcome = outcomes.get(row);
    if (!outcome) {
      outcome = { sheet, row: row.row, label, outcome: 'UNCHANGED', errors: [] };
      outcomes.set(row, outcome);
    }
    return outcome;
  };
  const fail = (
    outcome: RowOutcome,
    columns: Column[],
    key: string,
    rule: string,
    message: string,
    params?: Record<string, unknown>,
  ) => {
    const column = columns.find((c) => c.key === key)!;
    outcome.outcome = 'INVALID';
    outcome.errors.push({
      sheet: outcome.sheet,
      row: outcome.row,
      column: column.header,
      field: column.field ?? column.key,
      rule,
      message,
      ...(params ? { params } : {}),
    });
  };

  // The file's own consistency first: keys, names, choices and dates, with no database work.
  const communes = [
    ...new Set(
      householdRows
        .map((r) => text(r.cells.commune))
        .filter((c): c is string => !!c)
        .map(withoutLevelWord),
    ),
  ];
  const villages = await villagesNamed(ctx.db, communes);
  const householdsByKey = new Map<string, SheetRow>();
  const parsed = new Map<
    SheetRow,
    { villageId: string; category: HouseholdCategory | null; from: string | null }
  >();
  for (const row of householdRows) {
    const headName = text(row.cells.headName);
    const outcome = outcomeOf(HOUSEHOLD_SHEET, row, headName);
    const key = text(row.cells.key);
    if (!key) fail(outcome, HOUSEHOLD_COLUMNS, 'key', 'required', 'is required');
    else if (householdsByKey.has(key))
      fail(outcome, HOUSEHOLD_COLUMNS, 'key', 'duplicateInFile', 'is used by another row', {
        row: householdsByKey.get(key)!.row,
      });
    else householdsByKey.set(key, row);
    if (!headName) fail(outcome, HOUSEHOLD_COLUMNS, 'headName', 'required', 'is required');
    const commune = text(row.cells.commune);
    const villageName = text(row.cells.village);
    let villageId: string | null = null;
    if (!commune) fail(outcome, HOUSEHOLD_COLUMNS, 'commune', 'required', 'is required');
    if (!villageName) fail(outcome, HOUSEHOLD_COLUMNS, 'village', 'required', 'is required');
    if (commune && villageName) {
      const matches = villages.filter(
        (v) => v.commune === withoutLevelWord(commune) && v.name === withoutLevelWord(villageName),
      );
      if (matches.length === 1) villageId = matches[0]!.id;
      else if (matches.length === 0)
        fail(
          outcome,
          HOUSEHOLD_COLUMNS,
          'village',
          'unknownVillage',
          'is not a village of that commune',
          {
            village: villageName,
            commune,
          },
        );
      else
        fail(outcome, HOUSEHOLD_COLUMNS, 'village', 'ambiguousVillage', 'names several villages');
    }
    const categoryText = text(row.cells.category);
    const category = categoryText ? choiceOf(CATEGORY_LABELS, categoryText) : null;
    if (categoryText && !category)
      fail(outcome, HOUSEHOLD_COLUMNS, 'category', 'oneOf', 'is not one of the listed categories', {
        choices: Object.values(CATEGORY_LABELS).join(', '),
      });
    const fromCell = row.cells.categoryFrom;
    const from = parseDay(fromCell);
    if (fromCell != null && !from)
      fail(outcome, HOUSEHOLD_COLUMNS, 'categoryFrom', 'dayFormat', 'must be a date as dd/MM/yyyy');
    if (category && !from && fromCell == null)
      fail(
        outcome,
        HOUSEHOLD_COLUMNS,
        'categoryFrom',
        'requiredWithCategory',
        'is required with a category',
      );
    if (from && !categoryText)
      fail(
        outcome,
        HOUSEHOLD_COLUMNS,
        'category',
        'requiredWithDate',
        'is required with a start date',
      );
    if (from && from > todayInVietnam())
      fail(outcome, HOUSEHOLD_COLUMNS, 'categoryFrom', 'notFuture', 'is in the future');
    if (villageId) parsed.set(row, { villageId, category, from });
  }
  const membersOf = new Map<SheetRow, SheetRow[]>();
  for (const row of memberRows) {
    const fullName = text(row.cells.fullName);
    const outcome = outcomeOf(MEMBER_SHEET, row, fullName);
    const key = text(row.cells.key);
    const household = key ? householdsByKey.get(key) : undefined;
    if (!key) fail(outcome, MEMBER_COLUMNS, 'key', 'required', 'is required');
    else if (!household)
      fail(
        outcome,
        MEMBER_COLUMNS,
        'key',
        'unknownHouseholdKey',
        'names no row of the households sheet',
        {
          sheet: HOUSEHOLD_SHEET,
        },
      );
    else membersOf.set(household, [...(membersOf.get(household) ?? []), row]);
    if (!fullName) fail(outcome, MEMBER_COLUMNS, 'fullName', 'required', 'is required');
    const relation = text(row.cells.relation);
    if (!relation) fail(outcome, MEMBER_COLUMNS, 'relation', 'required', 'is required');
    else if (!choiceOf(RELATION_LABELS, relation))
      fail(outcome, MEMBER_COLUMNS, 'relation', 'oneOf', 'is not one of the listed relations', {
        choices: Object.values(RELATION_LABELS).join(', '),
      });
    const birthYear = row.cells.birthYear;
    if (birthYear != null && !/^\d{4}$/.test(String(birthYear).trim()))
      fail(outcome, MEMBER_COLUMNS, 'birthYear', 'year', 'must be a year of four digits');
    const pupil = text(row.cells.isPupil);
    if (pupil && !['có', 'không', 'x', 'true', 'false'].includes(normalizeName(pupil)))
      fail(outcome, MEMBER_COLUMNS, 'isPupil', 'yesNo', 'must be Có or Không');
  }

  const existing = await existingRecords(ctx.db, [
    ...new Set([...parsed.values()].map((p) => p.villageId)),
  ]);
  let householdsCreated = 0;
  let membersCreated = 0;
  let categoryPeriodsCreated = 0;
  const errorCount = () => [...outcomes.values()].reduce((sum, o) => sum + o.errors.length, 0);

  // Every row through the services' own rules, in one savepoint: nothing stays unless all pass.
  try {
    await ctx.db.transaction(async (em) => {
      for (const row of householdRows) {
        const outcome = outcomes.get(row)!;
        const household = parsed.get(row);
        const members = membersOf.get(row) ?? [];
        progress.done += 1 + members.length;
        if (!household || outcome.outcome === 'INVALID') continue;
        const headName = text(row.cells.headName)!;
        let householdId =
          existing.households.get(householdKey(household.villageId, headName)) ?? null;
        // Each row in a savepoint of its own, so one refused row does not hide the next one's errors.
        await em
          .transaction(async (rowEm) => {
            if (!householdId) {
              try {
                householdId = await householdService.insertWithin(ctx, rowEm, {
                  villageId: household.villageId,
                  headName,
                  address: text(row.cells.address),
                  circumstances: text(row.cells.circumstances),
                  organizationId: work.organizationId,
                });
              } catch (error) {
                outcome.outcome = 'INVALID';
                outcome.errors.push(
                  ...cellErrors(HOUSEHOLD_SHEET, row.row, HOUSEHOLD_COLUMNS, error),
                );
                return;
              }
              existing.households.set(householdKey(household.villageId, headName), householdId);
              outcome.outcome = 'CREATED';
              householdsCreated++;
            }
            const id = householdId;
            if (household.category && household.from) {
              const covered = existing.periods.some(
                (p) =>
                  p.householdId === id &&
                  p.category === household.category &&
                  p.from <= household.from! &&
                  (p.to === null || p.to >= household.from!),
              );
              if (!covered) {
                try {
                  await householdCategoryPeriodService.insertWithin(ctx, rowEm, {
                    householdId: id,
                    category: household.category,
                    validFrom: household.from,
                  });
                  existing.periods.push({
                    householdId: id,
                    category: household.category,
                    from: household.from,
                    to: null,
                  });
                  categoryPeriodsCreated++;
                  if (outcome.outcome === 'UNCHANGED') outcome.outcome = 'COMPLETED';
                } catch (error) {
                  outcome.outcome = 'INVALID';
                  outcome.errors.push(
                    ...cellErrors(HOUSEHOLD_SHEET, row.row, HOUSEHOLD_COLUMNS, error),
                  );
                }
              }
            }
            for (const memberRow of members) {
              const memberOutcome = outcomes.get(memberRow)!;
              if (memberOutcome.outcome === 'INVALID') continue;
              const fullName = text(memberRow.cells.fullName)!;
              const birthYear =
                memberRow.cells.birthYear == null ? null : Number(memberRow.cells.birthYear);
              const key = memberKey(id, fullName, birthYear);
              if (existing.members.has(key)) continue;
              try {
                await householdMemberService.insertWithin(ctx, rowEm, {
                  householdId: id,
                  fullName,
                  birthYear,
                  relation: choiceOf(RELATION_LABELS, text(memberRow.cells.relation)!),
                  isPupil: ['có', 'x', 'true'].includes(
                    normalizeName(text(memberRow.cells.isPupil) ?? ''),
                  ),
                  citizenId: text(memberRow.cells.citizenId),
                });
                existing.members.add(key);
                memberOutcome.outcome = 'CREATED';
                membersCreated++;
                if (outcome.outcome === 'UNCHANGED') outcome.outcome = 'COMPLETED';
              } catch (error) {
                memberOutcome.outcome = 'INVALID';
                memberOutcome.errors.push(
                  ...cellErrors(MEMBER_SHEET, memberRow.row, MEMBER_COLUMNS, error),
                );
              }
            }
            if (
              outcome.outcome === 'INVALID' ||
              members.some((m) => outcomes.get(m)!.outcome === 'INVALID')
            )
              throw new RollBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RollBack)) throw error;
          });
      }
      for (const row of memberRows) if (!membersOf.has(row)) progress.done++;
      if (input.dryRun || errorCount() > 0) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }

  const rows = [...outcomes.values()].sort((a, b) =>
    a.sheet === b.sheet ? a.row - b.row : a.sheet === HOUSEHOLD_SHEET ? -1 : 1,
  );
  const counts = { householdsCreated, membersCreated, categoryPeriodsCreated };
  if (errorCount() > 0) return work.empty(rows, rowCount);
  if (input.dryRun) return { ...work.empty(rows, rowCount), ...counts };
  let batch: ImportBatch;
  try {
    // A savepoint, so a second click racing the first fails alone with CONFLICT, not the request.
    batch = await ctx.db.transaction((em) =>
      em.getRepository(ImportBatch).save({
        kind: HOUSEHOLD_IMPORT_KIND,
        fileDigest: work.fileDigest,
        fileName: input.fileName.slice(0, 255),
        organizationId: work.organizationId,
        rowCount,
        ...counts,
        createdById: ctx.user!.id,
      }),
    );
  } catch (error) {
    throw translateDbError(error, 'ImportBatch');
  }
  return { ...work.empty(rows, rowCount), ...counts, batch };
}
