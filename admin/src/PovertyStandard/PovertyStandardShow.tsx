import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MoneyField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const PovertyStandardShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="code" />
      <TextField source="edition" />
      <TextField source="legalAct" />
      <EnumChipField source="kind" enumName="PovertyStandardKind" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <MoneyField source="ruralIncomeLine" />
      <MoneyField source="urbanIncomeLine" />
      <TextField source="notes" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
