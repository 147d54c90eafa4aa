import { Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useCanAccess, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { EnumChip } from '../common/EnumChip';
import { LINK_TABLES, TABLE_RESOURCES } from './auditLabels';
import { useColumnLabel } from './ChangesTable';

/** The table as the resource it belongs to, e.g. `Nhóm giúp đỡ · thành viên`. */
export const TableNameField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  const translate = useTranslate();
  if (!entry) return null;
  const table = String(entry.tableName);
  const resource = TABLE_RESOURCES[table];
  const name = resource ? translate(`resources.${resource}.name`, { smart_count: 1 }) : table;
  return (
    <Typography component="span" variant="body2">
      {LINK_TABLES.has(table) ? `${name} · ${translate(`app.audit.link_tables.${table}`)}` : name}
    </Typography>
  );
};

/** The changed record's id, linking to its page while it still exists and the user may open it. */
export const RecordIdField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  const createPath = useCreatePath();
  const resource = entry ? TABLE_RESOURCES[String(entry.tableName)] : undefined;
  const { canAccess } = useCanAccess({ action: 'show', resource: resource ?? '' });
  if (!entry) return null;
  const id = String(entry.recordId);
  if (!resource || !canAccess || entry.operation === 'DELETE') {
    return (
      <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
        {id}
      </Typography>
    );
  }
  return (
    <Link
      component={RouterLink}
      to={createPath({ resource, type: 'show', id })}
      onClick={(event) => event.stopPropagation()}
      variant="body2"
      sx={{ fontFamily: 'monospace' }}
    >
      {id}
    </Link>
  );
};

export const OperationField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  return entry?.operation ? (
    <EnumChip enumName="AuditOperation" value={String(entry.operation)} />
  ) : null;
};

/** The fields an update changed, by their labels. */
export const ChangedFieldsField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  const columnLabel = useColumnLabel();
  if (!entry?.changedFields) return null;
  const labels = (entry.changedFields as string[]).map((column) =>
    columnLabel(String(entry.tableName), column),
  );
  return (
    <Typography component="span" variant="body2">
      {labels.join(', ')}
    </Typography>
  );
};
