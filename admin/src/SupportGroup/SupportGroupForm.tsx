import { useWatch } from 'react-hook-form';
import { TextInput, type Validator } from 'react-admin';
import { DayInput, ReferenceSelect, ReferencesInput } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

const leaderIsMember: Validator = (value: unknown, values: Record<string, unknown>) =>
  value && !((values?.memberIds as unknown[] | undefined) ?? []).includes(value)
    ? 'app.validation.leader_is_member'
    : undefined;

/**
 * Choices follow the server's rules: the partnership is one the organization sponsors, members
 * are its staff, and the leader is one of the members.
 */
const OrganizationBoundInputs = () => {
  const organizationId = useWatch({ name: 'organizationId' }) as string | null | undefined;
  const memberIds = useWatch({ name: 'memberIds' }) as string[] | null | undefined;
  const ofOrganization = organizationId ? { organizationId } : undefined;
  return (
    <>
      <ReferenceSelect
        source="partnershipId"
        reference="Partnership"
        filter={organizationId ? { sponsorId: organizationId } : undefined}
        isRequired
      />
      <ReferencesInput
        source="memberIds"
        reference="StaffMember"
        filter={ofOrganization}
        isRequired
      />
      <ReferenceSelect
        source="leaderId"
        reference="StaffMember"
        filter={memberIds?.length ? { ids: memberIds } : ofOrganization}
        validate={leaderIsMember}
      />
    </>
  );
};

export const SupportGroupForm = () => (
  <ResourceForm>
    <TextInput source="name" validate={requiredText()} />
    <ReferenceSelect source="organizationId" reference="Organization" isRequired />
    <OrganizationBoundInputs />
    <DayInput source="formedDate" />
    <ReferencesInput source="householdIds" reference="Household" />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
