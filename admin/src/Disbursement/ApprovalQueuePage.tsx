import { Alert } from '@mui/material';
import { DataTable, List, SelectField, useRecordContext, useTranslate } from 'react-admin';
import { ReferenceField } from '../common/references';
import { disbursementPurposeChoices } from '../common/choices';
import { MomentField, MoneyCol } from '../common/fields';
import { DecisionButtons } from './ApprovalButtons';

/** Approve / refuse, or why this user may not: they made it, so a second person decides. */
const Decision = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record?.myActions?.canDecide) return <DecisionButtons />;
  return (
    <Alert severity="info" icon={false} sx={{ py: 0 }}>
      {translate(
        record?.myActions?.madeByMe ? 'app.approval.made_by_me_short' : 'app.approval.not_yours',
      )}
    </Alert>
  );
};

const NothingWaiting = () => {
  const translate = useTranslate();
  return (
    <Alert severity="success" sx={{ m: 2 }}>
      {translate('app.approval.queue_empty')}
    </Alert>
  );
};

/**
 * "Chờ duyệt chi": disbursements above their fund's threshold waiting for a second person, within
 * the signed-in user's scope (an officer sees their agency's funds, an administrator every fund).
 */
export const ApprovalQueuePage = () => (
  <List
    resource="Disbursement"
    filter={{ status: 'PENDING_APPROVAL' }}
    sort={{ field: 'plannedDate', order: 'ASC' }}
    title="app.approval.queue_title"
    actions={false}
    exporter={false}
    disableSyncWithLocation
    empty={<NothingWaiting />}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="description" />
      <DataTable.Col source="purpose">
        <SelectField source="purpose" choices={disbursementPurposeChoices} />
      </DataTable.Col>
      <DataTable.Col source="fundId">
        <ReferenceField source="fundId" reference="Fund" link={false} />
      </DataTable.Col>
      <MoneyCol source="amount" />
      <DataTable.Col source="submittedAt" field={MomentField} disableSort />
      <DataTable.Col label="app.approval.decision" disableSort>
        <Decision />
      </DataTable.Col>
    </DataTable>
  </List>
);
