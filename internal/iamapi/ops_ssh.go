package iamapi

import (
	"crypto/x509"
	"encoding/pem"

	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/iam"
)

// SSH public keys of users (AWS IAM's SSHPublicKey calls), with which
// they log in to the SFTP server. As for access keys, a call without
// UserName is about the caller itself (or the account root).

type xmlSSHKey struct {
	UserName    string `xml:"UserName"`
	ID          string `xml:"SSHPublicKeyId"`
	Fingerprint string `xml:"Fingerprint"`
	Body        string `xml:"SSHPublicKeyBody"`
	Status      string `xml:"Status"`
	UploadDate  string `xml:"UploadDate"`
}

type xmlSSHKeyMeta struct {
	UserName   string `xml:"UserName"`
	ID         string `xml:"SSHPublicKeyId"`
	Status     string `xml:"Status"`
	UploadDate string `xml:"UploadDate"`
}

func init() {
	for name, f := range map[string]op{
		"UploadSSHPublicKey": uploadSSHKey, "ListSSHPublicKeys": listSSHKeys, "GetSSHPublicKey": getSSHKey,
		"UpdateSSHPublicKey": updateSSHKey, "DeleteSSHPublicKey": deleteSSHKey,
	} {
		iamOps[name] = f
	}
}

func sshKeyXML(k iam.SSHKey) xmlSSHKey {
	return xmlSSHKey{UserName: k.User, ID: k.ID, Fingerprint: k.Fingerprint, Body: k.Body, Status: k.Status, UploadDate: isoTime(k.Uploaded)}
}

func uploadSSHKey(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	body, err := c.required("SSHPublicKeyBody")
	if err != nil {
		return err
	}
	k, err := c.h.IAM.Store().UploadSSHPublicKey(c.ctx(), c.account, user, body)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Key xmlSSHKey `xml:"SSHPublicKey"`
	}{sshKeyXML(k)})
}

func listSSHKeys(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	ks, err := c.h.IAM.Store().ListSSHPublicKeys(c.ctx(), c.account, user)
	if err != nil {
		return err
	}
	from, to, next, err := c.page(len(ks))
	if err != nil {
		return err
	}
	out := struct {
		Keys        []xmlSSHKeyMeta `xml:"SSHPublicKeys>member"`
		IsTruncated bool            `xml:"IsTruncated"`
		Marker      string          `xml:"Marker,omitempty"`
	}{Keys: []xmlSSHKeyMeta{}, IsTruncated: next != "", Marker: next}
	for _, k := range ks[from:to] {
		out.Keys = append(out.Keys, xmlSSHKeyMeta{UserName: k.User, ID: k.ID, Status: k.Status, UploadDate: isoTime(k.Uploaded)})
	}
	return c.respond(out)
}

func getSSHKey(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	id, err := c.required("SSHPublicKeyId")
	if err != nil {
		return err
	}
	enc := c.get("Encoding")
	if enc != "SSH" && enc != "PEM" {
		return invalid("Encoding must be SSH or PEM.")
	}
	k, err := c.h.IAM.Store().GetSSHPublicKey(c.ctx(), c.account, user, id)
	if err != nil {
		return err
	}
	x := sshKeyXML(k)
	if enc == "PEM" {
		if x.Body, err = pemBody(k.Body); err != nil {
			return err
		}
	}
	return c.respond(struct {
		Key xmlSSHKey `xml:"SSHPublicKey"`
	}{x})
}

// pemBody is an SSH public key as a PEM "PUBLIC KEY" block (what AWS's
// Encoding=PEM answers).
func pemBody(body string) (string, error) {
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(body))
	if err != nil {
		return "", err
	}
	ck, ok := pub.(ssh.CryptoPublicKey)
	if !ok {
		return "", invalid("This key type has no PEM form.")
	}
	der, err := x509.MarshalPKIXPublicKey(ck.CryptoPublicKey())
	if err != nil {
		return "", invalid("This key type has no PEM form.")
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

func updateSSHKey(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	id, err := c.required("SSHPublicKeyId")
	if err != nil {
		return err
	}
	status, err := c.required("Status")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateSSHPublicKey(c.ctx(), c.account, user, id, status); err != nil {
		return err
	}
	return c.respond(nil)
}

func deleteSSHKey(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	id, err := c.required("SSHPublicKeyId")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteSSHPublicKey(c.ctx(), c.account, user, id); err != nil {
		return err
	}
	return c.respond(nil)
}
