import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { ReferenceField } from '../common/references';
import { formatDay, formatMoney } from '../common/formatters';
import {
  BOOKKEEPING_COLUMNS,
  MONEY_COLUMNS,
  REFERENCE_COLUMNS,
  SAME_TABLE_REFERENCE_COLUMNS,
  TABLE_RESOURCES,
  columnLabelKeys,
  enumOfColumn,
} from './auditLabels';

type Values = Record<string, unknown> | null | undefined;

const isFilled = (value: unknown) =>
  value !== null &&
  value !== undefined &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0);

const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASKED = '***';

/** The label of a column: the resource's field label, else the shared one (see auditLabels). */
export const useColumnLabel = () => {
  const translate = useTranslate();
  return (tableName: string, column: string) =>
    columnLabelKeys(tableName, column).reduceRight(
      (fallback, key) => translate(key, { _: fallback }),
      column,
    );
};

/** One stored value as people read it: dates as 22/04/2014, references by name, yes / no. */
const AuditValue = ({
  tableName,
  column,
  value,
}: {
  tableName: string;
  column: string;
  value: unknown;
}) => {
  const translate = useTranslate();
  if (value === null || value === undefined || value === '')
    return (
      <Typography component="span" color="text.secondary">
        —
      </Typography>
    );
  if (value === MASKED)
    return (
      <Typography component="span" color="text.secondary" sx={{ fontStyle: 'italic' }}>
        {translate('app.audit.masked')}
      </Typography>
    );
  const enumName = enumOfColumn(tableName, column);
  if (
    enumName &&
    (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))
  ) {
    const label = (v: unknown) => translate(`enums.${enumName}.${String(v)}`, { _: String(v) });
    return <>{Array.isArray(value) ? value.map(label).join(', ') : label(value)}</>;
  }
  if (
    MONEY_COLUMNS.has(column) &&
    (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)))
  )
    return <>{formatMoney(value as number | string)}</>;
  if (typeof value === 'boolean')
    return <>{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</>;
  const reference = SAME_TABLE_REFERENCE_COLUMNS.has(column)
    ? TABLE_RESOURCES[tableName]
    : REFERENCE_COLUMNS[column];
  if (reference && typeof value === 'string' && UUID.test(value)) {
    return (
      <ReferenceField
        record={{ id: value, value } as RaRecord}
        source="value"
        reference={reference}
        link="show"
        emptyText={value}
      />
    );
  }
  if (typeof value === 'string') {
    const moment = MOMENT.exec(value);
    if (moment) return <>{`${moment[3]}/${moment[2]}/${moment[1]} ${moment[4]}:${moment[5]}`}</>;
    return <>{formatDay(value)}</>;
  }
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <>{String(value as number)}</>;
};

/** The fields an entry changed, before → after (an insert has only after, a delete only before). */
export const ChangesTable = ({ dense = false }: { dense?: boolean; label?: string }) => {
  const entry = useRecordContext();
  const translate = useTranslate();
  const columnLabel = useColumnLabel();
  if (!entry) return null;
  const tableName = String(entry.tableName);
  const before = entry.oldValues as Values;
  const after = entry.newValues as Values;
  const changed = entry.changedFields as string[] | undefined;
  const columns = (
    changed?.length
      ? changed
      : [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  ).filter(
    (column) =>
      changed?.length ||
      // An insert or a delete lists the values the record had, leaving out the empty ones.
      (!BOOKKEEPING_COLUMNS.has(column) && isFilled((after ?? before)?.[column])),
  );
  if (columns.length === 0) return null;
  return (
    <Table size="small" padding={dense ? 'none' : 'normal'} data-testid="audit-changes">
      <TableHead>
        <TableRow>
          <TableCell sx={{ pr: 2 }}>{translate('app.audit.field')}</TableCell>
          {entry.operation !== 'INSERT' && (
            <TableCell sx={{ pr: 2 }}>{translate('app.audit.before')}</TableCell>
          )}
          {entry.operation !== 'DELETE' && <TableCell>{translate('app.audit.after')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {columns.map((column) => (
          <TableRow key={column}>
            <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap', pr: 2 }}>
              {columnLabel(tableName, column)}
            </TableCell>
            {entry.operation !== 'INSERT' && (
              <TableCell sx={{ pr: 2 }}>
                <AuditValue tableName={tableName} column={column} value={before?.[column]} />
              </TableCell>
            )}
            {entry.operation !== 'DELETE' && (
              <TableCell>
                <AuditValue tableName={tableName} column={column} value={after?.[column]} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
