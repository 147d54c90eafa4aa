import { TextInput, required } from 'react-admin';
import { DayInput, MoneyInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notBefore, notInFuture, optionalText } from '../common/validators';
import { ResourceCreate, ResourceForm } from '../common/views';
import { MonthInput } from '../Fund/month';

export const ContributionCreate = () => (
  <ResourceCreate>
    <ResourceForm>
      <ReferenceSelect source="fundId" reference="Fund" isRequired />
      <ReferenceSelect source="staffMemberId" reference="StaffMember" isRequired />
      <MonthInput source="month" validate={required()} />
      <MoneyInput source="amount" validate={required()} />
      <DayInput
        source="paidDate"
        validate={[required(), notInFuture, notBefore('month', 'app.fund.not_before_month')]}
      />
      <TextInput source="note" multiline validate={optionalText(TEXT_LONG)} />
    </ResourceForm>
  </ResourceCreate>
);
