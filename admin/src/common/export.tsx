import {
  Children,
  isValidElement,
  useState,
  type ComponentType,
  type ReactElement,
  type ReactNode,
} from 'react';
import {
  Dialog,
  DialogContent,
  DialogTitle,
  LinearProgress,
  ListItemText,
  Menu,
  MenuItem,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import {
  BooleanField,
  Button,
  DataTable,
  SelectField,
  useDataProvider,
  useListContext,
  useNotify,
  useResourceDefinitions,
  useTranslate,
  type DataProvider,
  type RaRecord,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from './references';
import { EnumChipField, EnumChipsField } from './EnumChip';
import { DayField, MomentField, MoneyCol, MoneyField } from './fields';
import { downloadBlob, FILE_TYPES } from './download';
import { formatDay } from './formatters';

/**
 * Spreadsheets of exactly what a list shows: its columns in its order with their Vietnamese
 * headers, its filter and sort, one row per record, names instead of ids, money and dates typed as
 * numbers and dates. Rows come from the API page by page (so masking, scope and the access log's
 * EXPORT marking apply as for any read), with progress shown while they come.
 */

export type ExportKind =
  'text' | 'money' | 'number' | 'date' | 'moment' | 'boolean' | 'enum' | 'choice';

export interface ExportColumn {
  source: string;
  /** A translation key or text; the resource's field label when absent. */
  label?: string;
  kind: ExportKind;
  enumName?: string;
  /** A SelectField's choices: the export writes their (translated) names. */
  choices?: { id: unknown; name: string }[];
  /** Ids in the column name records of this resource: the export writes their names. */
  reference?: string;
  many?: boolean;
}

type Props = Record<string, unknown> & { children?: ReactNode };

const kindOfField = (component: unknown): ExportKind | null =>
  component === MoneyField
    ? 'money'
    : component === DayField
      ? 'date'
      : component === MomentField
        ? 'moment'
        : component === BooleanField
          ? 'boolean'
          : null;

/** The columns of a DataTable, read from its children as the list renders them. */
export function columnsOf(children: ReactNode): ExportColumn[] {
  const columns: ExportColumn[] = [];
  Children.forEach(children, (child) => {
    if (!isValidElement(child)) return;
    const props = child.props as Props;
    const source = props.source as string | undefined;
    if (!source) return;
    const column: ExportColumn = {
      source,
      label: typeof props.label === 'string' ? props.label : undefined,
      kind: kindOfField(props.field) ?? (props.type === 'number' ? 'number' : 'text'),
    };
    const inner = Children.toArray(props.children).find(isValidElement) as
      ReactElement<Props> | undefined;
    if (inner) {
      const type = inner.type as ComponentType;
      if (type === ReferenceField || type === ReferenceArrayField) {
        column.reference = inner.props.reference as string;
        column.many = type === ReferenceArrayField;
        column.source = (inner.props.source as string | undefined) ?? source;
      } else if (type === SelectField) {
        column.kind = 'choice';
        column.choices = inner.props.choices as ExportColumn['choices'];
      } else if (type === EnumChipsField || type === EnumChipField || 'enumName' in inner.props) {
        column.kind = 'enum';
        column.enumName = inner.props.enumName as string;
      } else {
        column.kind = kindOfField(type) ?? column.kind;
      }
    }
    if (child.type === MoneyCol) column.kind = 'money';
    else if (child.type === DataTable.NumberCol && column.kind === 'text' && !column.reference)
      column.kind = 'number';
    columns.push(column);
  });
  return columns;
}

/** The most rows one export reads: beyond it the user narrows the filter (the server's pages stay small). */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 1000;

type Cell = string | number | Date | boolean | null;

async function namesOf(
  dataProvider: DataProvider,
  resource: string,
  ids: unknown[],
  represent: (record: RaRecord) => string,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(ids.filter((id) => id != null).map(String))];
  for (let i = 0; i < unique.length; i += PAGE) {
    const { data } = await dataProvider.getMany(resource, { ids: unique.slice(i, i + PAGE) });
    for (const record of data) names.set(String(record.id), represent(record));
  }
  return names;
}

const csvCell = (value: Cell): string => {
  if (value == null) return '';
  const text =
    value instanceof Date
      ? formatDay(value.toISOString().slice(0, 10))
      : typeof value === 'boolean'
        ? String(value)
        : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** "Xuất dữ liệu": the list as .xlsx or as CSV (UTF-8 with a BOM, so Excel reads Vietnamese). */
export const ExportMenuButton = ({ columns }: { columns: ExportColumn[] }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider();
  const definitions = useResourceDefinitions();
  const { resource, filterValues, sort, total } = useListContext();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const represent =
    (name: string) =>
    (record: RaRecord): string => {
      const representation = definitions[name]?.recordRepresentation;
      if (typeof representation === 'function') return String(representation(record) as string);
      if (typeof representation === 'string') return String(record[representation] ?? '');
      return String(record.name ?? record.title ?? record.id);
    };

  const header = (column: ExportColumn) =>
    translate(column.label ?? `resources.${resource}.fields.${column.source}`, {
      _: column.label ?? column.source,
    });

  const run = async (format: 'xlsx' | 'csv') => {
    setAnchor(null);
    const expected = Math.min(total ?? 0, MAX_EXPORT_ROWS);
    setProgress({ done: 0, total: expected });
    try {
      const records: RaRecord[] = [];
      for (let page = 1; records.length < MAX_EXPORT_ROWS; page++) {
        const { data } = await dataProvider.getList(resource, {
          pagination: { page, perPage: PAGE },
          sort,
          filter: filterValues,
        });
        records.push(...data);
        setProgress({ done: records.length, total: Math.max(expected, records.length) });
        if (data.length < PAGE) break;
      }
      const names = new Map<string, Map<string, string>>();
      for (const column of columns.filter((c) => c.reference)) {
        const ids = records.flatMap((r) => {
          const value = r[column.source] as unknown;
          return Array.isArray(value) ? (value as unknown[]) : [value];
        });
        names.set(
          column.source,
          await namesOf(dataProvider, column.reference!, ids, represent(column.reference!)),
        );
      }
      const cell = (record: RaRecord, column: ExportColumn): Cell => {
        const value = record[column.source] as unknown;
        if (value == null) return null;
        if (column.reference) {
          const found = names.get(column.source)!;
          const ids = Array.isArray(value) ? (value as unknown[]) : [value];
          return ids.map((id) => found.get(String(id)) ?? String(id)).join(', ');
        }
        switch (column.kind) {
          case 'money':
          case 'number':
            return Number(value);
          case 'date':
            return new Date(`${(value as string).slice(0, 10)}T00:00:00Z`);
          case 'moment':
            return new Date(value as string);
          case 'boolean':
            return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
          case 'choice': {
            const choice = column.choices?.find((c) => c.id === value);
            return choice ? translate(choice.name, { _: choice.name }) : String(value as string);
          }
          case 'enum': {
            const values = Array.isArray(value) ? (value as unknown[]) : [value];
            return values
              .map((v) => translate(`enums.${column.enumName}.${String(v)}`, { _: String(v) }))
              .join(', ');
          }
          default:
            if (Array.isArray(value)) return value.map(String).join(', ');
            // A nested object (e.g. an outcome) is shown by its own field, not exported as text.
            return typeof value === 'object' ? null : (value as string | number | boolean);
        }
      };
      const headers = columns.map(header);
      const rows = records.map((record) => columns.map((column) => cell(record, column)));
      const title = translate(`resources.${resource}.name`, { smart_count: 2 });
      const day = formatDay(new Date().toISOString().slice(0, 10)).replace(/\//g, '-');
      const fileName = `${title} ${day}.${format}`;
      if (format === 'csv') {
        const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','));
        downloadBlob(new Blob(['\uFEFF', lines.join('\r\n')], { type: FILE_TYPES.csv }), fileName);
      } else {
        // Loaded on demand: the spreadsheet library is heavy and most visits never export.
        const { default: ExcelJS } = await import('exceljs');
        const workbook = new ExcelJS.Workbook();
        workbook.creator = 'plan68';
        const sheet = workbook.addWorksheet(title.slice(0, 31), {
          views: [{ state: 'frozen', ySplit: 1 }],
        });
        sheet.columns = columns.map((column, index) => ({
          header: headers[index],
          key: column.source,
          width: Math.min(50, Math.max(12, headers[index]!.length + 2)),
          style:
            column.kind === 'money'
              ? { numFmt: '#,##0 "₫"' }
              : column.kind === 'date'
                ? { numFmt: 'dd/mm/yyyy' }
                : column.kind === 'moment'
                  ? { numFmt: 'dd/mm/yyyy hh:mm' }
                  : {},
        }));
        sheet.getRow(1).font = { bold: true };
        sheet.addRows(rows);
        const buffer = await workbook.xlsx.writeBuffer();
        downloadBlob(new Blob([buffer], { type: FILE_TYPES.xlsx }), fileName);
      }
      if ((total ?? 0) > MAX_EXPORT_ROWS)
        notify('app.export.truncated', { type: 'warning', messageArgs: { max: MAX_EXPORT_ROWS } });
    } catch (error) {
      notify((error as Error).message || 'app.export.failed', { type: 'error' });
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <Button
        label="ra.action.export"
        onClick={(event) => setAnchor(event.currentTarget)}
        disabled={!total || progress !== null}
        aria-haspopup="menu"
      >
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => void run('xlsx')}>
          <ListItemText
            primary={translate('app.export.xlsx')}
            secondary={translate('app.export.xlsx_hint')}
          />
        </MenuItem>
        <MenuItem onClick={() => void run('csv')}>
          <ListItemText
            primary={translate('app.export.csv')}
            secondary={translate('app.export.csv_hint')}
          />
        </MenuItem>
      </Menu>
      <Dialog open={progress !== null} aria-labelledby="export-progress-title">
        <DialogTitle id="export-progress-title">
          {translate('app.export.progress_title')}
        </DialogTitle>
        <DialogContent sx={{ minWidth: 300 }}>
          <Typography variant="body2" gutterBottom role="status">
            {translate('app.export.progress', {
              done: progress?.done ?? 0,
              total: progress?.total ?? 0,
            })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={progress && progress.total ? (100 * progress.done) / progress.total : 0}
          />
        </DialogContent>
      </Dialog>
    </>
  );
};
