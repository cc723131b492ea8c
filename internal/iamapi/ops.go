package iamapi

import "strconv"

type op func(*call) error

// iamOps are the IAM actions served. Each authorizes itself: the
// resource depends on the action.
var iamOps = map[string]op{}

// stsOps are the STS actions served.
var stsOps = map[string]op{}

func itoa(i int) string { return strconv.Itoa(i) }

func init() {
	for name, f := range map[string]op{
		"CreateUser": createUser, "GetUser": getUser, "ListUsers": listUsers, "DeleteUser": deleteUser, "UpdateUser": updateUser,
		"CreateAccessKey": createAccessKey, "ListAccessKeys": listAccessKeys, "UpdateAccessKey": updateAccessKey,
		"DeleteAccessKey": deleteAccessKey, "GetAccessKeyLastUsed": getAccessKeyLastUsed,
		"PutUserPolicy": putInline, "GetUserPolicy": getInline, "DeleteUserPolicy": deleteInline, "ListUserPolicies": listInline,
		"PutGroupPolicy": putInline, "GetGroupPolicy": getInline, "DeleteGroupPolicy": deleteInline, "ListGroupPolicies": listInline,
		"PutRolePolicy": putInline, "GetRolePolicy": getInline, "DeleteRolePolicy": deleteInline, "ListRolePolicies": listInline,
		"AttachUserPolicy": attach, "DetachUserPolicy": detach, "ListAttachedUserPolicies": listAttached,
		"AttachGroupPolicy": attach, "DetachGroupPolicy": detach, "ListAttachedGroupPolicies": listAttached,
		"AttachRolePolicy": attach, "DetachRolePolicy": detach, "ListAttachedRolePolicies": listAttached,
		"CreatePolicy": createPolicy, "GetPolicy": getPolicy, "DeletePolicy": deletePolicy, "ListPolicies": listPolicies,
		"GetPolicyVersion": getPolicyVersion, "CreatePolicyVersion": createPolicyVersion, "ListPolicyVersions": listPolicyVersions,
		"DeletePolicyVersion": deletePolicyVersion, "SetDefaultPolicyVersion": setDefaultPolicyVersion,
		"CreateGroup": createGroup, "GetGroup": getGroup, "ListGroups": listGroups, "DeleteGroup": deleteGroup,
		"AddUserToGroup": addUserToGroup, "RemoveUserFromGroup": removeUserFromGroup, "ListGroupsForUser": listGroupsForUser,
		"CreateRole": createRole, "GetRole": getRole, "ListRoles": listRoles, "DeleteRole": deleteRole,
		"UpdateAssumeRolePolicy":      updateAssumeRolePolicy,
		"CreateOpenIDConnectProvider": createOIDCProvider, "GetOpenIDConnectProvider": getOIDCProvider,
		"ListOpenIDConnectProviders": listOIDCProviders, "DeleteOpenIDConnectProvider": deleteOIDCProvider,
		"AddClientIDToOpenIDConnectProvider": addClientID, "RemoveClientIDFromOpenIDConnectProvider": removeClientID,
		"UpdateOpenIDConnectProviderThumbprint": updateThumbprints,
		"UpdateGroup":                           updateGroup, "UpdateRole": updateRole, "GetAccountSummary": getAccountSummary,
		"CreateAccount": createAccount, "ListAccounts": listAccounts, "DeleteAccount": deleteAccount, "GetAccount": getAccount,
	} {
		iamOps[name] = f
	}
	for name, f := range map[string]op{
		"CreateLoginProfile": createLoginProfile, "GetLoginProfile": getLoginProfile,
		"UpdateLoginProfile": updateLoginProfile, "DeleteLoginProfile": deleteLoginProfile, "ChangePassword": changePassword,
	} {
		iamOps[name] = f
	}
	stsOps["AssumeRole"] = assumeRole
	stsOps["GetSessionToken"] = getSessionToken
	stsOps["GetCallerIdentity"] = getCallerIdentity
}
