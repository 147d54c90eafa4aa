import { FormDataConsumer, SelectInput, TextInput, required } from 'react-admin';
import { donationFormChoices, donorKindChoices } from '../common/choices';
import { DayInput, MoneyInput, ReferenceSelect } from '../common/inputs';
import {
  TEXT_LONG,
  notInFuture,
  optionalText,
  requiredText,
  requiredWhen,
} from '../common/validators';
import { useSubmissionKey } from '../common/submissionKey';
import { ResourceCreate, ResourceForm } from '../common/views';

const inKind = (values: Record<string, unknown>) => values.form === 'IN_KIND';

export const DonationCreate = () => {
  const idempotencyKey = useSubmissionKey();
  return (
    <ResourceCreate>
      <ResourceForm defaultValues={{ form: 'CASH', donorKind: 'INDIVIDUAL', idempotencyKey }}>
        <ReferenceSelect source="fundId" reference="Fund" isRequired />
        <TextInput source="donorName" validate={requiredText()} />
        <SelectInput source="donorKind" choices={donorKindChoices} validate={required()} />
        <ReferenceSelect source="donorOrganizationId" reference="Organization" />
        <SelectInput source="form" choices={donationFormChoices} validate={required()} />
        <FormDataConsumer<{ form?: string }>>
          {({ formData }) =>
            formData.form === 'IN_KIND' && (
              <TextInput
                source="inKindDescription"
                multiline
                validate={[
                  requiredWhen(inKind, 'app.fund.required_in_kind'),
                  ...optionalText(2000),
                ]}
              />
            )
          }
        </FormDataConsumer>
        <MoneyInput source="amount" validate={required()} />
        <DayInput source="receivedDate" validate={[required(), notInFuture]} />
        <TextInput source="note" multiline validate={optionalText(TEXT_LONG)} />
      </ResourceForm>
    </ResourceCreate>
  );
};
