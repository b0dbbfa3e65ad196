"""The typed intermediate representation every format loads into and emits from.

Import from the submodules (orchconv.ir.service, .deploy, .project, ...): this
package file stays empty so that importing one IR module stays cheap.
"""
