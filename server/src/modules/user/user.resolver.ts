/** Users and roles managed by administrators (filled in by the users-management work). */
export const userResolvers: Function[] = [];
