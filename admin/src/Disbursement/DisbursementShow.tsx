import {
  BooleanField,
  DeleteButton,
  EditButton,
  ReferenceArrayField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { disbursementPurposeChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField, MoneyField } from '../common/fields';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';
import { PostDisbursementButton } from './PostDisbursementButton';
import { RecordHistory } from '../AuditEntry/RecordHistory';

/** Planned: edit, delete or post it; posted: only reverse it. */
const DisbursementActions = () => {
  const record = useRecordContext();
  const planned = record?.status === 'PLANNED';
  return (
    <TopToolbar>
      <PostDisbursementButton />
      <ReverseButton resource="Disbursement" />
      {planned && <EditButton />}
      {planned && <DeleteButton mutationMode="pessimistic" />}
    </TopToolbar>
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
