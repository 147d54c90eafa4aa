import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { SimpleForm, TextInput, required, useGetOne, type Validator } from 'react-admin';
import { DayInput, ReferenceSelect, ReferencesInput } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText } from '../common/validators';

const afterGroupFormed =
  (formedDate: unknown): Validator =>
  (value: unknown) =>
    typeof value === 'string' && typeof formedDate === 'string' && value < formedDate
      ? 'app.validation.after_group_formed'
      : undefined;

/**
 * Choices follow the server's rules: the household is one the group helps, participants are the
 * group's members, and the visit is not before the group was formed.
 */
const GroupBoundInputs = () => {
  const groupId = useWatch({ name: 'groupId' }) as string | null | undefined;
  const householdId = useWatch({ name: 'householdId' }) as string | null | undefined;
  const { data: group } = useGetOne('SupportGroup', { id: groupId }, { enabled: !!groupId });
  const formedDate = group?.formedDate as string | undefined;
  const visitDateRules = useMemo(
    () => [required(), notInFuture, afterGroupFormed(formedDate)],
    [formedDate],
  );
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
      <DayInput source="visitDate" validate={visitDateRules} />
      <ReferencesInput
        source="participantIds"
        reference="StaffMember"
        filter={group ? { ids: group.memberIds as string[] } : undefined}
      />
    </>
  );
};

export const VisitForm = ({ defaultValues }: { defaultValues?: Record<string, unknown> }) => (
  <SimpleForm defaultValues={defaultValues}>
    <GroupBoundInputs />
    <TextInput source="findings" multiline minRows={3} validate={optionalText(TEXT_LONG)} />
  </SimpleForm>
);
