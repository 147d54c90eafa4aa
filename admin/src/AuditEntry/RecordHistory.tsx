import { Typography } from '@mui/material';
import {
  DataTable,
  Pagination,
  ReferenceManyField,
  SimpleList,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { MomentField } from '../common/fields';
import { Section, useIsPhone } from '../common/views';
import { OperationField, TableNameField } from './AuditFields';
import { ChangesTable } from './ChangesTable';

const NoHistory = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.audit.no_history')}
    </Typography>
  );
};

/**
 * "Lịch sử thay đổi" of the record on screen, newest first: each change with who made it and the
 * fields before → after. Only for those who may read the audit trail (administrators).
 */
export const RecordHistory = (_props: { label?: string }) => {
  const record = useRecordContext();
  const { canAccess } = useCanAccess({ action: 'list', resource: 'AuditEntry' });
  const isPhone = useIsPhone();
  if (!record || !canAccess) return null;
  return (
    <Section title="app.audit.history">
      <div data-testid="record-history">
        <ReferenceManyField
          reference="AuditEntry"
          target="recordId"
          sort={{ field: 'at', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
          empty={<NoHistory />}
        >
          {isPhone ? (
            // On a phone each change opens on its own page: before → after does not fit beside it.
            <SimpleList
              linkType="show"
              primaryText={<MomentField source="at" />}
              secondaryText={<TableNameField />}
              tertiaryText={<OperationField />}
            />
          ) : (
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="at" field={MomentField} />
              <DataTable.Col source="operation" field={OperationField} />
              <DataTable.Col source="tableName" field={TableNameField} disableSort />
              <DataTable.Col source="actorUserId" disableSort>
                <ReferenceField
                  source="actorUserId"
                  reference="User"
                  emptyText="app.audit.system_actor"
                />
              </DataTable.Col>
              <DataTable.Col label="app.audit.changes" disableSort>
                <ChangesTable dense />
              </DataTable.Col>
            </DataTable>
          )}
        </ReferenceManyField>
      </div>
    </Section>
  );
};
