import {
  BooleanInput,
  FormDataConsumer,
  PasswordInput,
  SelectInput,
  TextInput,
  minLength,
  required,
  type Validator,
} from 'react-admin';
import { roleChoices, type Role } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/** The server's rules, checked here first: see server/src/modules/user/user.service.ts. */
export const MIN_PASSWORD_LENGTH = 12;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;

const username: Validator = (value: unknown) =>
  typeof value === 'string' && value !== '' && !USERNAME.test(value.trim().toLowerCase())
    ? 'app.user.username_format'
    : undefined;

type Values = Record<string, unknown>;

/**
 * What is sent: the links the chosen role uses and nothing else (an analyst carries no agency), a
 * group member's agency left to the server (it is their staff record's), a password only if typed.
 */
export const userPayload = (data: Values): Values => {
  const {
    organization: _organization,
    staffMember: _staffMember,
    password,
    ...values
  } = data as Values & { password?: unknown };
  const role = values.role as Role | undefined;
  if (role !== 'AGENCY_OFFICER' && role !== 'GROUP_MEMBER') {
    values.organizationId = null;
    values.staffMemberId = null;
  }
  if (role === 'GROUP_MEMBER') delete values.organizationId;
  if (typeof password === 'string' && password !== '') values.password = password;
  return values;
};

const RoleLinks = () => (
  <FormDataConsumer<{ role?: Role; organizationId?: string }>>
    {({ formData }) => {
      if (formData.role === 'AGENCY_OFFICER') {
        return (
          <>
            <ReferenceSelect
              source="organizationId"
              reference="Organization"
              isRequired
              helperText="app.user.organization_help"
            />
            <ReferenceSelect
              source="staffMemberId"
              reference="StaffMember"
              filter={formData.organizationId ? { organizationId: formData.organizationId } : {}}
              helperText="app.user.officer_staff_help"
            />
          </>
        );
      }
      if (formData.role === 'GROUP_MEMBER') {
        return (
          <ReferenceSelect
            source="staffMemberId"
            reference="StaffMember"
            isRequired
            helperText="app.user.member_staff_help"
          />
        );
      }
      return null;
    }}
  </FormDataConsumer>
);

/** One form for a new account and for changing one (its sign-in name is then fixed). */
export const UserForm = ({ mode }: { mode: 'create' | 'edit' }) => (
  <ResourceForm
    defaultValues={mode === 'create' ? { role: 'AGENCY_OFFICER', disabled: false } : undefined}
  >
    <TextInput
      source="username"
      disabled={mode === 'edit'}
      validate={mode === 'create' ? [required(), username] : undefined}
      helperText={mode === 'create' ? 'app.user.username_help' : 'app.user.username_fixed'}
      slotProps={{ htmlInput: { autoComplete: 'off' } }}
    />
    <TextInput source="displayName" validate={requiredText()} />
    <SelectInput
      source="role"
      choices={roleChoices}
      validate={required()}
      helperText={mode === 'edit' ? 'app.user.access_change_help' : false}
    />
    <RoleLinks />
    <PasswordInput
      source="password"
      label={mode === 'edit' ? 'app.user.new_password' : undefined}
      validate={[...(mode === 'create' ? [required()] : []), minLength(MIN_PASSWORD_LENGTH)]}
      helperText={mode === 'edit' ? 'app.user.new_password_help' : 'app.user.password_help'}
      slotProps={{ htmlInput: { autoComplete: 'new-password' } }}
    />
    <BooleanInput source="disabled" helperText="app.user.disabled_help" />
  </ResourceForm>
);
