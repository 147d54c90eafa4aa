import { NumberInput, SelectInput, TextInput, required } from 'react-admin';
import { halfChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, year } from '../common/validators';
import { ResourceForm } from '../common/views';

export const HalfYearReportForm = ({
  defaultValues,
}: {
  defaultValues?: Record<string, unknown>;
}) => (
  <ResourceForm defaultValues={defaultValues}>
    <ReferenceSelect source="groupId" reference="SupportGroup" isRequired />
    <NumberInput source="year" validate={[required(), ...year(2000)]} />
    <SelectInput source="half" choices={halfChoices} validate={required()} />
    <TextInput source="narrative" multiline minRows={6} validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
