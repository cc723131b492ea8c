package cli

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

// newBucketCmd: strata bucket list|create|delete|versioning|policy|setting|ls,
// over the REST API.
func newBucketCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "bucket", Short: "Buckets, their settings and their objects"}
	cmd.AddCommand(
		iamCmd("list", "List the buckets of the account", 0, fixed("GET", "/buckets"),
			columns("name", "account", "policy", "versioning", "created"), nil),
		iamCmd("create NAME", "Create a bucket", 1, func(args []string, c *cobra.Command) (call, error) {
			lock, _ := c.Flags().GetBool("object-lock")
			ver, _ := c.Flags().GetBool("versioning")
			return call{"POST", "/buckets", restapi.NewBucket{Name: args[0], StoragePolicy: flag(c, "storage-policy"), ObjectLock: lock, Versioning: ver}}, nil
		}, nil, func(c *cobra.Command) {
			c.Flags().String("storage-policy", "", "data protection, e.g. THREECOPIES or EC4+2 (default: the cluster's)")
			c.Flags().Bool("object-lock", false, "enable Object Lock (and versioning)")
			c.Flags().Bool("versioning", false, "enable versioning")
		}),
		iamCmd("delete NAME", "Delete an empty bucket", 1, named("DELETE", "/buckets", ""), nil, nil),
		iamCmd("versioning NAME Enabled|Suspended", "Set a bucket's versioning", 2, func(args []string, c *cobra.Command) (call, error) {
			return call{"PUT", "/buckets/" + esc(args[0]) + "/versioning", restapi.Versioning{Status: args[1]}}, nil
		}, nil, nil),
		newBucketPolicyCmd(),
		newBucketSettingCmd(),
		newBucketLsCmd(),
	)
	cmd.AddCommand(newBucketShardCmds()...)
	return cmd
}

// newBucketPolicyCmd shows, sets (--file) or removes (--delete) a
// bucket policy.
func newBucketPolicyCmd() *cobra.Command {
	var f iamFlags
	var del bool
	c := &cobra.Command{Use: "policy NAME [--file POLICY.json | --delete]", Short: "Show, set or remove a bucket policy", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			route := "/buckets/" + esc(args[0]) + "/policy"
			switch {
			case del:
				return f.apiCall(cmd.Context(), "DELETE", route, nil, nil)
			case flag(cmd, "file") != "":
				doc, err := readDoc(cmd)
				if err != nil {
					return err
				}
				return f.apiCall(cmd.Context(), "PUT", route, restapi.Document{Document: doc}, nil)
			}
			var d restapi.Document
			if err := f.apiCall(cmd.Context(), "GET", route, nil, &d); err != nil {
				return err
			}
			return printDoc(d.Document)
		}}
	f.register(c)
	fileFlag(c)
	c.Flags().BoolVar(&del, "delete", false, "remove the policy")
	return c
}

// newBucketSettingCmd shows, sets (--file, the S3 XML document) or
// removes (--delete) one bucket setting.
func newBucketSettingCmd() *cobra.Command {
	var f iamFlags
	var del bool
	var file string
	c := &cobra.Command{Use: "setting NAME SETTING [--file DOC.xml | --delete]",
		Short: "Show, set or remove a bucket setting: " + strings.Join(restapi.SettingNames(), ", "),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			route := "/buckets/" + esc(args[0]) + "/settings/" + esc(args[1])
			switch {
			case del:
				return f.apiCall(cmd.Context(), "DELETE", route, nil, nil)
			case file != "":
				b, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				return f.apiCall(cmd.Context(), "PUT", route, restapi.Setting{Document: string(b)}, nil)
			}
			var s restapi.Setting
			if err := f.apiCall(cmd.Context(), "GET", route, nil, &s); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(s)
			}
			fmt.Println(s.Document)
			return nil
		}}
	f.register(c)
	c.Flags().StringVar(&file, "file", "", "the setting's S3 XML document")
	c.Flags().BoolVar(&del, "delete", false, "remove the setting")
	return c
}

// newBucketLsCmd lists one page of objects, or all with --all.
func newBucketLsCmd() *cobra.Command {
	var f iamFlags
	var prefix, delimiter string
	var all bool
	var max int
	c := &cobra.Command{Use: "ls NAME", Short: "List objects under a prefix, a page at a time", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var objs []restapi.ObjectEntry
			prefixes := []string{}
			token := ""
			for {
				q := url.Values{"prefix": {prefix}, "delimiter": {delimiter}, "max": {fmt.Sprint(max)}, "continuation": {token}}
				var page restapi.Listing
				if err := f.apiCall(cmd.Context(), "GET", "/buckets/"+esc(args[0])+"/objects?"+q.Encode(), nil, &page); err != nil {
					return err
				}
				objs, prefixes = append(objs, page.Objects...), append(prefixes, page.Prefixes...)
				token = page.Next
				if token == "" || !all {
					break
				}
			}
			if wantJSON(cmd) {
				return printJSON(restapi.Listing{Objects: nonNil(objs), Prefixes: prefixes, Next: token})
			}
			rows := [][]string{{"KEY", "SIZE", "MODIFIED", "ETAG"}}
			for _, p := range prefixes {
				rows = append(rows, []string{p, "-", "-", "-"})
			}
			for _, o := range objs {
				rows = append(rows, []string{o.Key, fmt.Sprint(o.Size), o.Modified.Local().Format("2006-01-02 15:04:05"), o.ETag})
			}
			if err := printTable(rows); err != nil {
				return err
			}
			if token != "" {
				fmt.Fprintf(os.Stderr, "more: --all, or the next page after %q\n", token)
			}
			return nil
		}}
	f.register(c)
	c.Flags().StringVar(&prefix, "prefix", "", "only keys under this prefix")
	c.Flags().StringVar(&delimiter, "delimiter", "/", "fold keys at this delimiter into prefixes (\"\" for none)")
	c.Flags().IntVar(&max, "max", 1000, "keys per page (1..1000)")
	c.Flags().BoolVar(&all, "all", false, "every page")
	return c
}
