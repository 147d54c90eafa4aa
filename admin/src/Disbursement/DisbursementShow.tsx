import {
  BooleanField,
  DeleteButton,
  EditButton,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import { Alert } from '@mui/material';
import { disbursementPurposeChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField, MoneyField } from '../common/fields';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';
import { DecisionButtons, SubmitForApprovalButton } from './ApprovalButtons';
import { PostDisbursementButton } from './PostDisbursementButton';
import { RecordHistory } from '../AuditEntry/RecordHistory';

/**
 * Before it is posted: submit it for approval, decide on it, post it (each only when the server
 * says this user may), edit or delete it; posted: only reverse it.
 */
const DisbursementActions = () => {
  const record = useRecordContext();
  const planned = record != null && record.status !== 'POSTED';
  return (
    <TopToolbar>
      <SubmitForApprovalButton />
      <DecisionButtons />
      <PostDisbursementButton />
      <ReverseButton resource="Disbursement" />
      {planned && <EditButton />}
      {planned && <DeleteButton mutationMode="pessimistic" />}
    </TopToolbar>
  );
};

/** Says why this user sees no approve button: they made it, and a second person must decide. */
const MadeByMeNote = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record?.status !== 'PENDING_APPROVAL' || !record.myActions?.madeByMe) return null;
  return (
    <Alert severity="info" data-testid="made-by-me">
      {translate('app.approval.made_by_me')}
    </Alert>
  );
};

export const DisbursementShow = () => (
  <Show actions={<DisbursementActions />}>
    <SimpleShowLayout>
      <ReferenceField source="fundId" reference="Fund" />
      <EnumChipField source="status" enumName="DisbursementStatus" />
      <SelectField source="purpose" choices={disbursementPurposeChoices} />
      <TextField source="description" />
      <TextField source="eventName" emptyText="—" />
      <TextField source="quantity" />
      <MoneyField source="unitAmount" />
      <MoneyField source="amount" />
      <BooleanField source="isEstimate" />
      <DayField source="plannedDate" />
      <DayField source="disbursedDate" />
      <TextField source="overrideReason" emptyText="—" />
      <BooleanField source="needsApproval" />
      <MomentField source="submittedAt" emptyText="—" />
      <MomentField source="decidedAt" emptyText="—" />
      <TextField source="decisionReason" emptyText="—" />
      <MadeByMeNote />
      <ReferenceArrayField source="householdIds" reference="Household" />
      <ReferenceArrayField source="memberIds" reference="HouseholdMember" />
      <TextField source="note" />
      <ReversedField source="reversed" />
      <ReferenceField source="reversesId" reference="Disbursement" emptyText="—" />
      <MomentField source="createdAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
