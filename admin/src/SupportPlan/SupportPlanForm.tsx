import { useWatch } from 'react-hook-form';
import { SelectInput, TextInput, required } from 'react-admin';
import { supportPlanStatusChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import {
  TEXT_LONG,
  notInFuture,
  optionalText,
  requiredText,
  requiredWhen,
} from '../common/validators';
import { ResourceForm } from '../common/views';

const registered = (values: Record<string, unknown>) =>
  values.status != null && values.status !== 'DRAFT' && values.status !== 'CANCELLED';

/** The household is one the group helps (the server refuses others). */
const GroupAndHousehold = () => {
  const groupId = useWatch({ name: 'groupId' }) as string | null | undefined;
  const householdId = useWatch({ name: 'householdId' }) as string | null | undefined;
  return (
    <>
      <ReferenceSelect
        source="householdId"
        reference="Household"
        filter={groupId ? { groupId } : undefined}
        isRequired
      />
      <ReferenceSelect
        source="groupId"
        reference="SupportGroup"
        filter={householdId ? { householdId } : undefined}
        isRequired
      />
    </>
  );
};

export const SupportPlanForm = ({ defaultValues }: { defaultValues?: Record<string, unknown> }) => (
  <ResourceForm defaultValues={defaultValues}>
    <GroupAndHousehold />
    <TextInput source="title" validate={requiredText(500)} />
    <TextInput source="measures" multiline validate={optionalText(TEXT_LONG)} />
    <TextInput source="goals" multiline validate={optionalText(TEXT_LONG)} />
    <SelectInput source="status" choices={supportPlanStatusChoices} validate={required()} />
    <DayInput
      source="registeredDate"
      validate={[requiredWhen(registered, 'app.validation.required_once_registered'), notInFuture]}
    />
  </ResourceForm>
);
