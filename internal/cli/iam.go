package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/spf13/cobra"
)

// iamFlags are what the identity commands share: the server, the keys
// to sign with, and the account acted on (the administrator's choice).
type iamFlags struct {
	adminFlags
	account string
}

func (f *iamFlags) register(cmd *cobra.Command) {
	f.adminFlags.register(cmd)
	cmd.Flags().StringVar(&f.account, "account", "", "account to act on (administrator only; default: the caller's)")
}

// iamCall sends one IAM query-API call, signed for service "iam" like
// awscli signs it, and prints its result as JSON.
func (f *iamFlags) iamCall(ctx context.Context, action string, params url.Values, out io.Writer) error {
	u, err := f.credentials()
	if err != nil {
		return err
	}
	params.Set("Action", action)
	params.Set("Version", "2010-05-08")
	if f.account != "" {
		params.Set("AccountName", f.account)
	}
	body := []byte(params.Encode())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(f.endpoint, "/")+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: u.AccessKey, SecretAccessKey: u.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "iam", f.region, time.Now()); err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	tree, err := xmlTree(b)
	if err != nil {
		return fmt.Errorf("%s: %s: unreadable answer", action, resp.Status)
	}
	if resp.StatusCode != http.StatusOK {
		if e, ok := tree["Error"].(map[string]any); ok {
			return fmt.Errorf("%s: %v: %v", action, e["Code"], e["Message"])
		}
		return fmt.Errorf("%s: %s", action, resp.Status)
	}
	res := tree[action+"Result"]
	if res == nil {
		return nil
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// xmlTree turns an IAM answer into maps: repeated <member> elements
// become lists, text leaves become strings, percent-encoded policy
// documents are decoded.
func xmlTree(b []byte) (map[string]any, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		if _, ok := tok.(xml.StartElement); ok {
			v, err := xmlNode(d)
			if err != nil {
				return nil, err
			}
			m, _ := v.(map[string]any)
			return m, nil
		}
	}
}

func xmlNode(d *xml.Decoder) (any, error) {
	m := map[string]any{}
	var list []any
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			v, err := xmlNode(d)
			if err != nil {
				return nil, err
			}
			if t.Name.Local == "member" {
				list = append(list, v)
				continue
			}
			if s, ok := v.(string); ok && strings.HasSuffix(t.Name.Local, "Document") {
				if dec, err := url.PathUnescape(s); err == nil {
					var doc any
					if json.Unmarshal([]byte(dec), &doc) == nil {
						v = doc
					}
				}
			}
			m[t.Name.Local] = v
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			switch {
			case list != nil:
				return list, nil
			case len(m) > 0:
				return m, nil
			}
			return strings.TrimSpace(text.String()), nil
		}
	}
}

func newIAMCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short}
	c.AddCommand(subs...)
	return c
}

// iamCmd is one identity subcommand: its arguments become parameters.
func iamCmd(use, short, action string, nargs int, params func(args []string, c *cobra.Command) (url.Values, error), flags func(*cobra.Command)) *cobra.Command {
	var f iamFlags
	c := &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := params(args, cmd)
			if err != nil {
				return err
			}
			return f.iamCall(cmd.Context(), action, p, os.Stdout)
		}}
	f.register(c)
	if flags != nil {
		flags(c)
	}
	return c
}

// one maps positional arguments to parameter names.
func one(names ...string) func([]string, *cobra.Command) (url.Values, error) {
	return func(args []string, c *cobra.Command) (url.Values, error) {
		v := url.Values{}
		for i, n := range names {
			v.Set(n, args[i])
		}
		return addFlagParams(v, c)
	}
}

// flagParams are flags passed through as IAM parameters.
var flagParams = map[string]string{"user": "UserName", "path": "Path", "email": "Email", "description": "Description"}

func addFlagParams(v url.Values, c *cobra.Command) (url.Values, error) {
	for flag, param := range flagParams {
		if fl := c.Flags().Lookup(flag); fl != nil && fl.Value.String() != "" {
			v.Set(param, fl.Value.String())
		}
	}
	if fl := c.Flags().Lookup("file"); fl != nil && fl.Value.String() != "" {
		doc, err := os.ReadFile(fl.Value.String())
		if err != nil {
			return nil, err
		}
		name := "PolicyDocument"
		if c.Flags().Lookup("trust") != nil {
			name = "AssumeRolePolicyDocument"
		}
		v.Set(name, string(doc))
	}
	return v, nil
}

func userFlag(c *cobra.Command) {
	c.Flags().String("user", "", "IAM user (default: the account root's own keys)")
}
func pathFlag(c *cobra.Command) { c.Flags().String("path", "", "IAM path, e.g. /team/") }
func fileFlag(c *cobra.Command) { c.Flags().String("file", "", "policy document (JSON file)") }
